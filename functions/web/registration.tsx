import { fullCorrectionSchema, registrationSchema } from '../../shared/domain/candidate.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import { parseWith } from '../../shared/schema-problems.js';
import { correctCandidate, getCandidate, registerCandidate } from '../../shared/services/candidates.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { showCandidate } from './candidate-actions.js';
import { CandidateForm, type CandidateFormValues, candidateInput } from './candidate-form.js';
import type { Problems } from './forms.js';
import { currentYear, page, postedForm, problemsOf, tOf, versionOf, viewer } from './shell.js';

/** The registration form, or the correction form of a candidate, with the problems found. */
function candidateFormPage(
  c: GkbContext,
  options: {
    values: CandidateFormValues;
    problems?: Problems;
    status?: number;
    correcting?: { id: string; version: string };
  },
) {
  const t = tOf(c);
  const title = options.correcting
    ? t('Koreksi data', 'Correct the record')
    : t('Daftarkan calon', 'Register a candidate');
  return page(
    c,
    title,
    <>
      <h1>{title}</h1>
      <CandidateForm
        t={t}
        action={options.correcting ? `/calon/${options.correcting.id}/ubah` : '/calon/baru'}
        csrf={c.get('csrf') ?? ''}
        values={options.values}
        problems={options.problems ?? {}}
        submit={options.correcting ? t('Simpan koreksi', 'Save correction') : t('Simpan', 'Save')}
        {...(options.correcting ? { hidden: { version: options.correcting.version } } : {})}
      />
    </>,
    options.status,
  );
}

/** The official's registration and correction forms. */
export const registrationRoutes = {
  registrationPage: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    return candidateFormPage(c, { values: { 'consent.given': '' } });
  },
  registrationSubmit: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const values: CandidateFormValues = await postedForm(c);
    try {
      const parsed = parseWith(registrationSchema, {
        year: currentYear(),
        villageCode: p.villageCode,
        ...candidateInput(values),
      });
      if (!parsed.data) throw validationFailed(parsed.problems);
      const key =
        values.idempotencyKey && /^[A-Za-z0-9_-]{1,100}$/.test(values.idempotencyKey)
          ? values.idempotencyKey
          : undefined;
      const result = await registerCandidate(p, parsed.data, key);
      return c.redirect(`/calon/${result.candidate.id}?baru=1`, 303);
    } catch (error) {
      const problems = problemsOf(error, c.get('lang'));
      if (!problems) throw error;
      return candidateFormPage(c, { values, problems, status: 400 });
    }
  },
  correctionPage: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const { candidate: x } = await getCandidate(p, c.req.param('id') ?? '');
    if (x.anonymised)
      throw new DomainError('INVALID_TRANSITION', { message: { key: 'candidate.anonymised' } });
    // The form shows the full NIK and KK to correct them.
    await recordFullView(p, x, 'web');
    const values: CandidateFormValues = {
      nik: x.nik,
      kk: x.kk,
      fullName: x.fullName,
      birthDate: x.birthDate,
      sex: x.sex,
      track: x.track,
      outOfSchoolType: x.outOfSchoolType,
      lastLevel: x.lastLevel,
      reasonCode: String(x.reasonCode),
      reasonNote: x.reasonNote ?? '',
      plannedPathway: x.plannedPathway ?? '',
      disability: x.disability ? 'on' : '',
      phone: x.phone ?? '',
      guardianName: x.guardianName ?? '',
      'consent.given': x.consent.given ? 'on' : '',
      'consent.by': x.consent.by,
      'consent.name': x.consent.name,
    };
    return candidateFormPage(c, { values, correcting: { id: x.id, version: String(x.version) } });
  },
  correctionSubmit: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const t = tOf(c);
    const id = c.req.param('id') ?? '';
    const values: CandidateFormValues = await postedForm(c);
    try {
      const parsed = parseWith(fullCorrectionSchema, candidateInput(values));
      if (!parsed.data) throw validationFailed(parsed.problems);
      await correctCandidate(p, id, versionOf(values), parsed.data);
      return c.redirect(`/calon/${id}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VERSION_MISMATCH') {
        return showCandidate(c, await getCandidate(p, id), {
          status: 412,
          message: {
            kind: 'alert',
            text: t(
              'Data ini sudah diubah orang lain. Koreksi Anda belum disimpan; buka lagi formulirnya.',
              'Someone else changed this record. Your correction was not saved; open the form again.',
            ),
          },
        });
      }
      const problems = problemsOf(error, c.get('lang'));
      if (!problems) throw error;
      return candidateFormPage(c, {
        values,
        problems,
        status: 400,
        correcting: { id, version: values.version ?? '' },
      });
    }
  },
} satisfies Record<string, OperationHandler>;
