// Runs around every test file: the temporary directories its tests made are removed after it,
// so a test run leaves nothing behind in the system's temporary folder.

import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);
