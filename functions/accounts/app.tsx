import * as z from 'zod/mini';
import { accountView } from '../../shared/accounts/rules.js';
import { accountChangeSchema, accountInputSchema } from '../../shared/accounts/schemas.js';
import { accountsRoutes } from '../../shared/api/routes/accounts.js';
import { DomainError } from '../../shared/errors.js';
import { ROLES } from '../../shared/principal.js';
import {
  changeAccount,
  createAccount,
  importAccounts,
  listAccounts,
} from '../../shared/services/account-admin.js';
import { createApp, principalOf } from '../http/app.js';
import { jsonBody, queryParam } from '../http/input.js';
import { optionalText } from '../http/params.js';
import { webOptions } from '../web/shell.js';
import {
  accountChangeSubmit,
  accountCreateSubmit,
  accountFormPage,
  accountPage,
  accountsPage,
} from './pages.js';
import { accountUploadCheck, accountUploadCommit, accountUploadPage } from './upload.js';

/**
 * Bappeda's accounts: `/users` for the API and `/akun` for the web, in a function of their own
 * so that only it carries the Cognito SDK client and may change users.
 */
export const app = createApp(
  accountsRoutes,
  {
    listUsers: async (c) => {
      const role = queryParam(c, 'role', z.optional(z.enum(ROLES)));
      const district = optionalText('district', c);
      const accounts = await listAccounts(principalOf(c), {
        ...(role ? { role } : {}),
        ...(district ? { district } : {}),
      });
      return c.json(accounts.map(accountView));
    },
    createUser: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const account = await createAccount(principal, await jsonBody(c, accountInputSchema));
      c.header('Location', `/users/${account.username}`);
      return c.json(accountView(account), 201);
    },
    changeUser: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const change = await jsonBody(c, accountChangeSchema);
      return c.json(accountView(await changeAccount(principal, c.req.param('username') ?? '', change)));
    },
    importUsers: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const dryRun = queryParam(c, 'dryRun', z.optional(z.enum(['true', 'false']))) === 'true';
      const { report } = await importAccounts(principal, {
        bytes: new Uint8Array(await c.req.arrayBuffer()),
        contentType: c.req.header('content-type') ?? '',
        dryRun,
        lang: c.get('lang'),
      });
      return c.json(report);
    },
    accountsPage,
    accountFormPage,
    accountCreateSubmit,
    accountPage,
    accountChangeSubmit,
    accountUploadPage,
    accountUploadCheck,
    accountUploadCommit,
  },
  { pages: webOptions },
);
