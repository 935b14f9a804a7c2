import type { Child } from 'hono/jsx';
import { everyProblem, fullCorrectionSchema, registrationSchema } from '../../shared/domain/candidate.js';
import { DomainError, type FieldProblem, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { canSeeVillage, type Principal } from '../../shared/principal.js';
import { parseWith } from '../../shared/schema-problems.js';
import { correctCandidate, getCandidate, registerCandidate } from '../../shared/services/candidates.js';
import { recordFullView } from '../../shared/services/personal-data.js';
import { programSettings, programYears } from '../../shared/services/programs.js';
import { villageSummary } from '../../shared/services/villages.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { showCandidate } from './candidate-actions.js';
import { CandidateForm, type CandidateFormValues, candidateInput, formProblem } from './candidate-form.js';
import type { Problems } from './forms.js';
import { PageTitle } from './help.js';
import { page, pageYear, postedForm, problemsOf, tOf, versionOf, viewer } from './shell.js';

/** The registration form, or the correction form of a candidate, with the problems found. */
function candidateFormPage(
  c: GkbContext,
  options: {
    values: CandidateFormValues;
    problems?: Problems;
    status?: number;
    correcting?: { id: string; version: string };
    years?: number[];
    notice?: Child;
    /** Registration: where the person will stand in the village's places. */
    preview?: Child;
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
      <PageTitle help={options.correcting ? 'ubah' : 'daftar'}>{title}</PageTitle>
      <CandidateForm
        t={t}
        action={options.correcting ? `/calon/${options.correcting.id}/ubah` : '/calon/baru'}
        csrf={c.get('csrf') ?? ''}
        values={options.values}
        problems={options.problems ?? {}}
        submit={options.correcting ? t('Simpan koreksi', 'Save correction') : t('Simpan', 'Save')}
        {...(options.correcting ? { hidden: { version: options.correcting.version } } : {})}
        {...(options.years ? { years: options.years } : {})}
        notice={options.notice}
        preview={options.preview}
      />
    </>,
    options.status,
  );
}

/** Every problem of the form in one round: the schema's, then the rules' on what passed it. */
async function formProblems(
  year: number,
  input: Record<string, unknown>,
  schemaProblems: FieldProblem[],
): Promise<FieldProblem[]> {
  const program = await programSettings(year);
  return (program ? everyProblem(input, schemaProblems, program) : schemaProblems).map(formProblem);
}

/** A refusal with the form's wording of its problems. */
const asForm = (error: unknown): unknown =>
  error instanceof DomainError && error.code === 'VALIDATION_FAILED'
    ? validationFailed(error.details.map(formProblem))
    : error;

/** Before saving: whether the person will take a village place or wait, and at which number. */
async function placePreview(c: GkbContext, p: Principal, year: number): Promise<Child> {
  const t = tOf(c);
  if (p.role !== 'village_official') return null;
  const v = await villageSummary(p, p.villageCode, year).catch(() => undefined);
  if (!v) return null;
  const text =
    v.funded < v.quota && v.waitlisted === 0
      ? t(
          `${v.name} ${v.funded}/${v.quota} tempat terisi (${year}): orang ini akan mendapat tempat desa.`,
          `${v.name} ${v.funded}/${v.quota} places held (${year}): this person will take a village place.`,
        )
      : t(
          `${v.name} ${v.funded}/${v.quota} tempat terisi (${year}): orang ini akan masuk daftar tunggu no. ${v.waitlisted + 1}.`,
          `${v.name} ${v.funded}/${v.quota} places held (${year}): this person will join the waitlist as no. ${v.waitlisted + 1}.`,
        );
  return (
    <p class="notice" id="place-preview">
      {text}
    </p>
  );
}

/** The official's registration and correction forms. */
export const registrationRoutes = {
  registrationPage: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const [year, years] = await Promise.all([pageYear(c), programYears()]);
    return candidateFormPage(c, {
      values: { 'consent.given': '', year: String(year) },
      years: years.map((y) => y.year),
      preview: await placePreview(c, p, year),
    });
  },
  registrationSubmit: async (c) => {
    const p = viewer(c);
    if (p.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const values: CandidateFormValues = await postedForm(c);
    const years = (await programYears()).map((y) => y.year);
    const year = /^\d{4}$/.test(values.year ?? '') ? Number(values.year) : (years[0] ?? Number.NaN);
    try {
      const input = { year, villageCode: p.villageCode, ...candidateInput(values) };
      const parsed = parseWith(registrationSchema, input);
      if (!parsed.data) throw validationFailed(await formProblems(year, input, parsed.problems));
      const key =
        values.idempotencyKey && /^[A-Za-z0-9_-]{1,100}$/.test(values.idempotencyKey)
          ? values.idempotencyKey
          : undefined;
      const result = await registerCandidate(p, parsed.data, key);
      return c.redirect(`/calon/${result.candidate.id}?baru=1`, 303);
    } catch (error) {
      // Already registered, in this cohort or open in another: beside the NIK, with where.
      if (error instanceof DomainError && ['DUPLICATE_NIK', 'ALREADY_IN_PROGRAMME'].includes(error.code)) {
        const detail = error.details[0];
        const open = detail?.data;
        return candidateFormPage(c, {
          values,
          years,
          status: 409,
          problems: { nik: render(detail ?? error.userMessage, c.get('lang')) },
          notice:
            open && typeof open.candidateId === 'string' && canSeeVillage(p, String(open.villageCode)) ? (
              <p class="notice">
                <a href={`/calon/${open.candidateId}`}>
                  {tOf(c)(`Buka catatan tahun ${open.year}`, `Open the ${open.year} record`)}
                </a>
              </p>
            ) : undefined,
        });
      }
      const problems = problemsOf(asForm(error), c.get('lang'));
      if (!problems) throw error;
      return candidateFormPage(c, {
        values,
        years,
        problems,
        status: 400,
        preview: await placePreview(c, p, year),
      });
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
      birthDate: x.birthDate.split('-').reverse().join('-'),
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
      'address.dusun': x.address?.dusun ?? '',
      'address.rt': x.address?.rt ?? '',
      'address.rw': x.address?.rw ?? '',
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
      const input = candidateInput(values);
      const parsed = parseWith(fullCorrectionSchema, input);
      if (!parsed.data) {
        const { candidate } = await getCandidate(p, id);
        throw validationFailed(await formProblems(candidate.year, input, parsed.problems));
      }
      await correctCandidate(p, id, versionOf(values), parsed.data);
      return c.redirect(`/calon/${id}?selesai=koreksi`, 303);
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
      const problems = problemsOf(asForm(error), c.get('lang'));
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
