import { useTranslation } from 'react-i18next';

/** The call's variables as they stand now. */
export function VariableList({ vars }: { vars: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(vars);
  return (
    <section className="sim-vars" data-testid="sim-vars">
      <h3>{t('flows.test.variables')}</h3>
      {entries.length === 0 ? (
        <p className="muted small">{t('flows.test.noVariables')}</p>
      ) : (
        <dl>
          {entries.map(([k, v]) => (
            <div key={k} data-var={k}>
              <dt>
                <code>{k}</code>
              </dt>
              <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
