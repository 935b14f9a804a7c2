import type { Child } from 'hono/jsx';
import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { getCandidate, type StoredCandidate } from '../../shared/services/candidates.js';
import { lookAlikesOf } from '../../shared/services/consequences.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import { programYears } from '../../shared/services/programs.js';
import { historyAndPaymentsOf } from '../../shared/services/transitions.js';
import type { GkbContext } from '../http/app.js';
import { CandidatePage } from './candidate-page.js';
import { mayCarryOver } from './cohort-parts.js';
import { ConfirmStep } from './confirm.js';
import type { PageMessage } from './done-banner.js';
import type { Problems } from './forms.js';
import { page, postedForm, problemsOf, tOf, viewer } from './shell.js';

/** The candidate page as it is after an action, and the action itself (web and bappeda). */

export async function showCandidate(
  c: GkbContext,
  stored: StoredCandidate,
  options: {
    message?: PageMessage;
    problems?: Problems;
    /** What was typed into the page's forms, to show again beside the problems. */
    values?: Record<string, string>;
    status?: number;
  } = {},
) {
  const p = viewer(c);
  const [{ history, payments, visits }, years, lookAlikes] = await Promise.all([
    historyAndPaymentsOf(stored.candidate),
    mayCarryOver(p, stored.candidate) ? programYears() : [],
    lookAlikesOf(p, stored.candidate),
  ]);
  await recordFullView(p, stored.candidate, 'web');
  return page(
    c,
    stored.candidate.anonymised
      ? tOf(c)('Calon (dianonimkan)', 'Candidate (anonymised)')
      : stored.candidate.fullName,
    <CandidatePage
      t={tOf(c)}
      lang={c.get('lang')}
      viewer={viewer(c)}
      csrf={c.get('csrf') ?? ''}
      stored={stored}
      history={history}
      payments={payments}
      visits={visits}
      lookAlikes={lookAlikes}
      message={options.message}
      problems={options.problems ?? {}}
      values={options.values ?? {}}
      carryOverYears={years.map((y) => y.year).filter((y) => y > stored.candidate.year)}
    />,
    options.status,
  );
}

/** An action's confirmation step: what will happen, and the note the history keeps. */
export interface Confirmation {
  title: string;
  consequences: Child[];
  submit: string;
  destructive: boolean;
  /** The fields of the first post to send again (besides csrf). */
  hidden: string[];
  note?: { label: string; hint: string };
}

/**
 * A candidate action from a form: on success to the page `next` names, by default back to
 * the candidate (PRG) with a banner saying what happened; a record changed by someone else
 * first, or a refusal, shows the page again with a clear message. An action that cannot be
 * undone first answers with its confirmation step and acts on the post that confirms it.
 */
export async function candidateAction<R>(
  c: GkbContext,
  act: (values: Record<string, string>, p: Principal) => Promise<R>,
  next: (result: R, id: string) => string = (_, id) => `/calon/${id}`,
  confirm?: {
    /** Whether this post needs confirming (withdrawing does, verifying does not). */
    needed: (values: Record<string, string>) => boolean;
    /**
     * Refuses (throws) before the step is shown when the viewer may not act: `role` before
     * the record is read (403 in any scope), `record` after (404 outside scope first).
     */
    refuse?: {
      role?: (p: Principal) => void;
      record?: (p: Principal, stored: StoredCandidate, values: Record<string, string>) => void;
    };
    /** The field of the note the history needs, when it is required (checked before acting). */
    requiredNote?: (values: Record<string, string>) => string | undefined;
    step: (values: Record<string, string>, stored: StoredCandidate) => Promise<Confirmation>;
  },
) {
  const p = viewer(c);
  const id = c.req.param('id') ?? '';
  const values = await postedForm(c);
  const t = tOf(c);
  if (confirm?.needed(values)) {
    const note = confirm.requiredNote?.(values);
    const noteMissing = note !== undefined && !(values[note] ?? '').trim();
    if (values.confirmed !== '1' || noteMissing) {
      confirm.refuse?.role?.(p);
      const stored = await getCandidate(p, id);
      confirm.refuse?.record?.(p, stored, values);
      const step = await confirm.step(values, stored);
      const problems: Problems =
        values.confirmed === '1' && note
          ? {
              [note]: t(
                'Tulis alasannya; catatan ini masuk riwayat.',
                'Write the reason; it goes into the history.',
              ),
            }
          : {};
      return page(
        c,
        step.title,
        <ConfirmStep
          t={t}
          title={step.title}
          action={new URL(c.req.url).pathname}
          csrf={c.get('csrf') ?? ''}
          hidden={Object.fromEntries(step.hidden.map((k) => [k, values[k] ?? '']))}
          consequences={step.consequences}
          {...(step.note && note ? { note: { ...step.note, name: note, value: values[note] ?? '' } } : {})}
          problems={problems}
          submit={step.submit}
          destructive={step.destructive}
          back={`/calon/${stored.candidate.id}`}
        />,
        Object.keys(problems).length > 0 ? 400 : 200,
      );
    }
  }
  try {
    return c.redirect(next(await act(values, p), id), 303);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
      throw error;
    const stored = await getCandidate(p, id);
    const stale = error.code === 'VERSION_MISMATCH';
    return showCandidate(c, stored, {
      status: stale ? 412 : error.code === 'VALIDATION_FAILED' ? 400 : 409,
      problems: problemsOf(error, c.get('lang')),
      // A stale page shows the latest state; otherwise what was typed stays in the form.
      ...(stale ? {} : { values }),
      message: {
        kind: 'alert',
        text: stale
          ? t(
              'Data ini sudah diubah orang lain sejak Anda membukanya. Keadaan terbaru ada di bawah; periksa lalu coba lagi.',
              'Someone else changed this record after you opened it. The latest state is below; check it and try again.',
            )
          : error.details.length > 0
            ? error.details.map((d) => render(d, c.get('lang'))).join(' ')
            : render(error.userMessage, c.get('lang')),
      },
    });
  }
}
