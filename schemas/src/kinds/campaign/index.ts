import type { CampaignDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkCampaign } from './checks.js';
import { campaignSchema } from './schema.js';
import { texts } from './texts.js';

/** An outbound task: what the dialer dials, when, how fast, for whom, and what each outcome leads to. */
export const campaignKind: DefinitionKindSpec<'campaign', CampaignDefinition> = {
  kind: 'campaign', slug: 'campaigns', schema: campaignSchema, texts,
  check: (def, { locale }) => checkCampaign(def, locale),
};
