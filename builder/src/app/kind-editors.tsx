import type { ComponentType } from 'react';
import type { LocalText } from '@telesales/schemas';
import type { DefinitionKind, DefinitionOf } from '../api/definitions';
import { AgentStatesEditor } from '../calls/AgentStatesEditor';
import { DashboardDesigner } from '../dashboards/DashboardDesigner';
import { newDashboard } from '../dashboards/new-dashboard';
import { DispositionsEditor } from '../calls/DispositionsEditor';
import { newAgentStates, newDispositions } from '../calls/new-call-definitions';
import { CampaignEditor } from '../campaigns/CampaignEditor';
import { newCampaign } from '../campaigns/new-campaign';
import { EntityDesigner } from '../designer/EntityDesigner';
import { newEntity } from '../entities/new-entity';
import type { NewDefinitionChoices } from '../entities/NewDefinitionDialog';
import { FlowEditor } from '../flows/FlowEditor';
import { newFlow } from '../flows/new-flow';
import { newPool } from '../pools/new-pool';
import { PoolEditor } from '../pools/PoolEditor';
import { PoolsPage } from '../pools/PoolsPage';
import { newReport } from '../reports/new-report';
import { ReportDesigner } from '../reports/ReportDesigner';
import { newRole } from '../roles/new-role';
import { RoleEditor } from '../roles/RoleEditor';

/** A new definition of one kind as the create dialog makes it (key, zh/en label and the kind's own choices). */
export type NewDefinition<K extends DefinitionKind = DefinitionKind> = (key: string, label: LocalText, choices: NewDefinitionChoices) => DefinitionOf[K];

/** The builder's part of one definition kind; its route, navigation label and list texts come from the table of kinds. */
export interface KindEditor<K extends DefinitionKind> {
  /** The page that edits one definition. */
  Editor: ComponentType<{ defKey: string }>;
  /** A list page of its own (pools show each one's object and mode); otherwise the shared DefinitionList. */
  List?: ComponentType<{ create: NewDefinition }>;
  create: NewDefinition<K>;
}

/** Each kind of the table (schemas/src/kinds/index.ts) and its editor: a new kind adds its line here. */
export const KIND_EDITORS: { [K in DefinitionKind]: KindEditor<K> } = {
  entity: { Editor: ({ defKey }) => <EntityDesigner entityKey={defKey} />, create: (key, label) => newEntity(key, label) },
  role: { Editor: ({ defKey }) => <RoleEditor roleKey={defKey} />, create: (key, label) => newRole(key, label) },
  pool: { Editor: ({ defKey }) => <PoolEditor poolKey={defKey} />, List: PoolsPage, create: (key, label, { entity }) => newPool(key, label, entity) },
  flow: { Editor: ({ defKey }) => <FlowEditor flowKey={defKey} />, create: (key, label, { languages }) => newFlow(key, label, languages) },
  dispositions: { Editor: DispositionsEditor, create: (key, label) => newDispositions(key, label) },
  'agent-states': { Editor: AgentStatesEditor, create: (key, label) => newAgentStates(key, label) },
  campaign: { Editor: CampaignEditor, create: (key, label) => newCampaign(key, label) },
  report: { Editor: ReportDesigner, create: (key, label) => newReport(key, label) },
  dashboard: { Editor: DashboardDesigner, create: (key, label) => newDashboard(key, label) },
};

/** The kind's editor, or none for a kind the builder has no editor for yet. */
export const kindEditor = (kind: string): KindEditor<DefinitionKind> | undefined =>
  (KIND_EDITORS as Record<string, KindEditor<DefinitionKind> | undefined>)[kind];
