import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';

interface Props {
  ids: string[];
  onMove(from: number, to: number): void;
  children: ReactNode;
}

/** A vertical sortable list: drag by pointer, or focus a handle and use Space + arrow keys. */
export function SortableList({ ids, onMove, children }: Props) {
  const { t } = useTranslation();
  // dnd-kit's default announcements read out item ids (uuids); say positions instead, in the UI language.
  const position = (id: unknown) => ({ n: ids.indexOf(String(id)) + 1, count: ids.length });
  const accessibility = {
    screenReaderInstructions: { draggable: t('dnd.instructions') },
    announcements: {
      onDragStart: ({ active }: { active: { id: unknown } }) => t('dnd.picked', position(active.id)),
      onDragOver: ({ over }: { over: { id: unknown } | null }) => (over ? t('dnd.over', position(over.id)) : undefined),
      onDragEnd: ({ over }: { over: { id: unknown } | null }) => (over ? t('dnd.dropped', position(over.id)) : t('dnd.cancelled')),
      onDragCancel: () => t('dnd.cancelled'),
    },
  };
  const sensors = useSensors(
    // A small distance keeps clicks on the row (select, buttons) from starting a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from >= 0 && to >= 0) onMove(from, to);
  };
  return (
    <DndContext accessibility={accessibility} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}
