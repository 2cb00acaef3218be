// Helpers for the scene-structure tests of the pages.
import { type SceneObject, SceneQueryRunner, sceneGraph, VizPanel, type SceneDataQuery } from '@grafana/scenes';

/** Every query expression the scene's query runners would send. */
export function allExprs(scene: SceneObject): string[] {
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof SceneQueryRunner)
    .flatMap((runner) => (runner as SceneQueryRunner).state.queries.map((q: SceneDataQuery) => String(q.expr)));
}

export function panelByTitle(scene: SceneObject, title: string): VizPanel {
  const panel = sceneGraph.findObject(scene, (o) => o instanceof VizPanel && o.state.title === title);
  if (!panel) {
    throw new Error(`no panel titled ${title}`);
  }
  return panel as VizPanel;
}

export function panelTitles(scene: SceneObject): string[] {
  return sceneGraph.findAllObjects(scene, (o) => o instanceof VizPanel).map((p) => (p as VizPanel).state.title);
}
