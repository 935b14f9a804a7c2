import type { GkbContext } from '../http/app.js';
import { page } from '../web/shell.js';

/** The printable registration form (A4). */
export const paperFormPage = (c: GkbContext) =>
  page(c, 'Formulir pendaftaran', <h1>Formulir pendaftaran</h1>);
