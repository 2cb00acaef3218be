// Serves the built forecast panel harness (artifacts/browser-harness).
import { join } from 'node:path';

import { startStaticServer } from '../harness-common/staticServer';

startStaticServer({
  root: join(__dirname, '..', '..', 'artifacts', 'browser-harness'),
  port: Number(process.env.HARNESS_PORT ?? 19131),
  label: 'harness',
});
