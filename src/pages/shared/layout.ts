// The two layout helpers every page uses: a row of panels sharing the width, and a grid.
import {
  SceneCSSGridLayout,
  SceneFlexItem,
  type SceneFlexItemState,
  SceneFlexLayout,
  type SceneObject,
} from '@grafana/scenes';

/**
 * A row `height` px tall whose panels share the width equally. `item` adds to the row's own flex
 * item, e.g. a `$data` runner shared by the panels in it.
 */
export function row(height: number, panels: SceneObject[], item: Partial<SceneFlexItemState> = {}): SceneFlexItem {
  return new SceneFlexItem({
    ...item,
    height,
    body: new SceneFlexLayout({ direction: 'row', children: panels.map((body) => new SceneFlexItem({ body })) }),
  });
}

export interface GridOptions {
  rowHeight: number;
  /** Fixed number of columns; without it, as many columns of `minColumnWidth` as fit. */
  columns?: number;
  minColumnWidth?: number;
}

/** Panels in a CSS grid with Grafana's usual 1-unit gaps. */
export function grid(
  panels: SceneObject[],
  { rowHeight, columns, minColumnWidth = 320 }: GridOptions
): SceneCSSGridLayout {
  return new SceneCSSGridLayout({
    templateColumns: `repeat(${columns ?? 'auto-fit'}, minmax(${minColumnWidth}px, 1fr))`,
    autoRows: `${rowHeight}px`,
    rowGap: 1,
    columnGap: 1,
    children: panels,
  });
}
