import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A path inside a definition ("options › gold › label › zh"), its property names in the UI language; the
 * other steps are keys (of a field, an option, a node) and stay as written, as code.
 */
export function PathText({ path }: { path: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {path.split(' › ').map((step, i) => (
        <Fragment key={i}>
          {i > 0 && ' › '}
          {i18n.exists(`diff.prop.${step}`) ? t(`diff.prop.${step}`) : <code>{step}</code>}
        </Fragment>
      ))}
    </>
  );
}
