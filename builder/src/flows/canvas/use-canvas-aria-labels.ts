import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactFlowProps } from '@xyflow/react';

/** React Flow's own controls (zoom, fit, minimap…) speak English unless given the UI language's words. */
export function useCanvasAriaLabels(): NonNullable<ReactFlowProps['ariaLabelConfig']> {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      'controls.ariaLabel': t('flows.canvasA11y.controls'),
      'controls.zoomIn.ariaLabel': t('flows.canvasA11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('flows.canvasA11y.zoomOut'),
      'controls.fitView.ariaLabel': t('flows.canvasA11y.fitView'),
      'controls.interactive.ariaLabel': t('flows.canvasA11y.interactive'),
      'minimap.ariaLabel': t('flows.canvasA11y.minimap'),
      'handle.ariaLabel': t('flows.canvasA11y.handle'),
      'node.a11yDescription.default': t('flows.canvasA11y.node'),
      'node.a11yDescription.keyboardDisabled': t('flows.canvasA11y.nodeKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('flows.canvasA11y.moved', { direction: t(`flows.canvasA11y.dir.${direction}`), x, y }),
      'edge.a11yDescription.default': t('flows.canvasA11y.edge'),
    }),
    // the labels change with the language
    [t, i18n.language],
  );
}
