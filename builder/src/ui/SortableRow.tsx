import type { ReactNode } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';

interface Props {
  id: string;
  className?: string;
  /** Rows that are drop positions but never dragged themselves (section headers). */
  fixed?: boolean;
  handleLabel: string;
  testId?: string;
  data?: Record<string, string>;
  children(handle: ReactNode): ReactNode;
}

export function SortableRow({ id, className, fixed, handleLabel, testId, data, children }: Props) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id,
    disabled: fixed ? { draggable: true, droppable: false } : false,
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const dataAttrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  const handle = fixed ? null : (
    <button type="button" className="drag-handle" aria-label={handleLabel} title={handleLabel} {...attributes} {...listeners}>
      ⠿
    </button>
  );
  return (
    <li ref={setNodeRef} style={style} className={`${className ?? ''}${isDragging ? ' dragging' : ''}`} data-testid={testId} {...dataAttrs}>
      {children(handle)}
    </li>
  );
}
