// Layout pieces the Infrastructure Health sections share.
import { SceneCanvasText, SceneFlexItem, type SceneObject } from '@grafana/scenes';

import { grid } from '../shared/layout';

/**
 * A grid whose column count divides its panel count, so no row ends in an empty cell: the node
 * panels three by three, the container panels two by two with room for their legends.
 */
export function gridItem(panels: SceneObject[], minColumnWidth: number, rowHeight: number): SceneFlexItem {
  return new SceneFlexItem({ ySizing: 'content', body: grid(panels, { minColumnWidth, rowHeight }) });
}

/** A section heading between groups of panels. */
export function heading(text: string): SceneFlexItem {
  return new SceneFlexItem({ height: 32, body: new SceneCanvasText({ text, fontSize: 18 }) });
}
