import { TagsInput } from '../../ui/TagsInput';
import { strs, type WidgetProps } from './widget-props';

export function TagsWidget({ id, value, onChange, disabled, invalid }: WidgetProps) {
  const tags = strs(value);
  return (
    <div className="tags-widget">
      <TagsInput id={id} value={tags.length ? tags : undefined} onValue={onChange} disabled={disabled} aria-invalid={invalid} />
      <div className="chips">
        {tags.map((tag) => (
          <span key={tag} className="chip on">
            {tag}
          </span>
        ))}
      </div>
    </div>
  );
}
