import { DomainError } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { getCandidate, type StoredCandidate } from '../../shared/services/candidates.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import { programYears } from '../../shared/services/programs.js';
import { historyOf } from '../../shared/services/transitions.js';
import type { GkbContext } from '../http/app.js';
import { CandidatePage } from './candidate-page.js';
import { mayCarryOver } from './cohort-parts.js';
import type { Problems } from './forms.js';
import { page, postedForm, problemsOf, tOf, viewer } from './shell.js';

/** The candidate page as it is after an action, and the action itself (web and bappeda). */

export async function showCandidate(
  c: GkbContext,
  stored: StoredCandidate,
  options: {
    message?: { kind: 'alert' | 'notice'; text: string };
    problems?: Problems;
    /** What was typed into the page's forms, to show again beside the problems. */
    values?: Record<string, string>;
    status?: number;
  } = {},
) {
  const p = viewer(c);
  const [history, years] = await Promise.all([
    historyOf(stored.candidate),
    mayCarryOver(p, stored.candidate) ? programYears() : [],
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
      message={options.message}
      problems={options.problems ?? {}}
      values={options.values ?? {}}
      carryOverYears={years.map((y) => y.year).filter((y) => y > stored.candidate.year)}
    />,
    options.status,
  );
}

/**
 * A candidate action from a form: on success to the page `next` names, by default back to
 * the candidate (PRG); a record changed by someone else first, or a refusal, shows the page
 * again with a clear message.
 */
export async function candidateAction<R>(
  c: GkbContext,
  act: (values: Record<string, string>, p: Principal) => Promise<R>,
  next: (result: R, id: string) => string = (_, id) => `/calon/${id}`,
) {
  const p = viewer(c);
  const id = c.req.param('id') ?? '';
  const values = await postedForm(c);
  const t = tOf(c);
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
