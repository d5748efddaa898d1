import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection on demand, for tests of what must survive one (the flag must precede the lookup).
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
