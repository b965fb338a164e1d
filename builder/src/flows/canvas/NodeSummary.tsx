import { useTranslation } from 'react-i18next';
import type { FlowNode, Prompt } from '@telesales/schemas';
import { useLocale } from '../../i18n';
import { useReferenceNames } from '../use-reference-names';

const promptText = (p: Prompt | undefined, lang: 'zh' | 'en') => p?.text?.[lang] || p?.text?.zh || p?.text?.en || p?.audio?.[lang] || '';

/** The one line that tells nodes of one type apart on the canvas (what is said, what is checked, where it goes). */
export function NodeSummary({ node }: { node: FlowNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const nameOf = useReferenceNames();
  let text = '';
  switch (node.type) {
    case 'entry':
      text = node.config.numbers.join(', ');
      break;
    case 'condition':
      text = node.config.cases.map((c) => c.expression).join(' | ');
      break;
    case 'setVariable':
      text = node.config.assignments.map((a) => `${a.variable} := ${a.expression}`).join('; ');
      break;
    case 'hours':
      text = node.config.timeZone;
      break;
    case 'lookup':
      text = nameOf('entity', node.config.entity);
      break;
    case 'http':
      text = `${node.config.method} ${node.config.url}`;
      break;
    case 'queue':
      text = nameOf('group', node.config.skillGroup);
      break;
    case 'transfer':
      text = `${t(`flows.form.target_${node.config.target.type}`)} ${node.config.target.type === 'group' ? nameOf('group', node.config.target.ref) : node.config.target.ref}`;
      break;
    case 'subflow':
      text = `${nameOf('flow', node.config.flow)} @ ${node.config.version}`;
      break;
    default:
      text = promptText((node.config as { prompt?: Prompt }).prompt, locale);
  }
  if (!text) return null;
  return (
    <div className="flow-node-summary" title={text}>
      {text}
    </div>
  );
}
