import { LoadingPlaceholder } from '@grafana/ui';
import React from 'react';

interface Props {
  /** What is loading, e.g. "Loading the request rate…". */
  text: string;
}

/** The one loading state of the pages' views: a Grafana spinner with what is being fetched. */
export function LoadingView({ text }: Props) {
  return <LoadingPlaceholder text={text} />;
}
