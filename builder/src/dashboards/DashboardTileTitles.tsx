import { useTranslation } from 'react-i18next';
import { localize, type DashboardDefinition, type DefinitionSummary } from '@telesales/schemas';
import { issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { LocalTextInput } from '../ui/LocalTextInput';
import { PanelSection } from '../ui/PanelSection';

interface Props {
  def: DashboardDefinition;
  reports: DefinitionSummary[];
  issues: readonly Issue[];
  onChange(change: (def: DashboardDefinition) => DashboardDefinition): void;
}

/** Each tile's own heading (zh and en); empty, the tile shows its report's label. */
export function DashboardTileTitles({ def, reports, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!def.tiles.length) return null;
  return (
    <PanelSection title={t('dashboardDesigner.tileTitles')} collapsed>
      {def.tiles.map((tile, i) => (
        <LocalTextInput
          key={tile.id}
          label={localize(reports.find((r) => r.key === tile.report)?.label, locale) || tile.report}
          value={tile.title}
          pointer={`/tiles/${i}/title`}
          issues={issuesUnder(issues, `/tiles/${i}/title`)}
          testId={`tile-title-${tile.id}`}
          onChange={(title) => onChange((d) => ({
            ...d,
            tiles: d.tiles.map((x) => {
              if (x.id !== tile.id) return x;
              const { title: _old, ...rest } = x;
              return title?.zh && title.en ? { ...rest, title: { zh: title.zh, en: title.en } } : title ? { ...rest, title: title as never } : rest;
            }),
          }))}
        />
      ))}
    </PanelSection>
  );
}
