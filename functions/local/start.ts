import { runLocal } from './run-local';

/** `npm start`: the whole service on this machine (see run-local.ts). */
runLocal();
