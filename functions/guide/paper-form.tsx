import type { Child } from 'hono/jsx';
import { PATHWAYS } from '../../shared/domain/candidate.js';
import { IMPORT_COLUMNS, type ImportColumn } from '../../shared/imports/columns.js';
import {
  LEVEL_LABELS,
  OUT_OF_SCHOOL_LABELS,
  PATHWAY_LABELS,
  REASON_LABELS,
  SEX_LABELS,
  TRACK_LABELS,
} from '../../shared/labels.js';
import type { GkbContext } from '../http/app.js';
import { PageTitle } from '../web/help.js';
import { page, tOf } from '../web/shell.js';
import type { T } from '../web/ui.js';

/**
 * The printable registration form (A4, 1–2 pages), filled by hand at a house by a volunteer and
 * typed in later by the village's operator, or copied into the survey list template. Its fields
 * are the survey list's columns (IMPORT_COLUMNS), in the template's order, each named by its
 * column header with its rule and, for coded columns, the codes to tick: they cannot drift
 * from the template (test/browser/paper.test.ts compares them with the downloaded template).
 */

/** Only this page's own rules; the layout's print rules already hide the header. */
const CSS = `
.pf h2{font-size:1.05rem;margin:1rem 0 .25rem;border-bottom:2px solid #1a1a1a}
.pf-f{margin:0 0 .6rem;break-inside:avoid}.pf-f p{margin:0}.pf-col{font-weight:700}
.pf-req{font-size:.85rem;border:1px solid #4a5261;border-radius:3px;padding:0 .3rem;margin-left:.4rem}
.pf-rule{font-size:.85rem;color:#4a5261}
.pf-boxes{display:grid;gap:2px;max-width:100%;margin:.2rem 0}.pf-boxes span{border:1px solid #1a1a1a;height:1.7rem;background:#fff}
.pf-date{display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-end}.pf-date small{display:block;font-size:.7rem}
.pf-line{border-bottom:1px solid #1a1a1a;height:1.8rem;max-width:36rem}
.pf-codes{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:0 1.2rem}
.pf-sign{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}.pf-sign .pf-line{height:3.5rem}
@media print{body{font-size:9.5pt;line-height:1.3}.pf-screen{display:none}.pf h1{font-size:14pt;margin:0 0 .3rem}
.pf h2{font-size:10.5pt;margin:.5rem 0 .2rem}.pf-f{margin:0 0 .35rem}.pf-boxes span{height:1.4rem}.pf-line{height:1.4rem}
.pf-two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 1.2rem}.pf-codes li{white-space:nowrap}}
`;

/** `n` empty boxes to write one character each in. */
function Boxes(props: { n: number }) {
  return (
    <div
      class="pf-boxes"
      aria-hidden="true"
      style={`grid-template-columns:repeat(${props.n},1fr);width:${1.75 * props.n}rem`}
    >
      {Array.from({ length: props.n }, () => (
        <span />
      ))}
    </div>
  );
}

/** A date in boxes: HH-BB-TTTT (day, month, year), as the survey list accepts it. */
function DateBoxes(props: { t: T }) {
  const { t } = props;
  const part = (n: number, name: string) => (
    <div>
      <small>{name}</small>
      <Boxes n={n} />
    </div>
  );
  return (
    <div class="pf-date">
      {part(2, t('HH (tanggal)', 'DD (day)'))}
      {part(2, t('BB (bulan)', 'MM (month)'))}
      {part(4, t('TTTT (tahun)', 'YYYY (year)'))}
    </div>
  );
}

const Line = () => <div class="pf-line" aria-hidden="true" />;

type Label = readonly [string, string];

/** What each code of a coded column means, in the domain's own words (shared/labels.ts). */
const MEANINGS: Record<string, (value: string | boolean) => Label | undefined> = {
  sex: (v) => SEX_LABELS[v as keyof typeof SEX_LABELS],
  track: (v) => TRACK_LABELS[v as keyof typeof TRACK_LABELS],
  outOfSchoolType: (v) => OUT_OF_SCHOOL_LABELS[v as keyof typeof OUT_OF_SCHOOL_LABELS],
  lastLevel: (v) => LEVEL_LABELS[v as keyof typeof LEVEL_LABELS],
  disability: (v) => (v ? ['berkebutuhan khusus', 'has a disability'] : ['tidak ada', 'none']),
  'consent.by': (v) =>
    v === 'SELF' ? ['yang bersangkutan sendiri', 'the person themself'] : ['wali', 'the guardian'],
};

/** A label without a trailing "(L)" that only repeats its code. */
const plain = (text: string) => text.replace(/\s*\([^)]*\)$/, '');

/** The codes to tick for a column: its own codes, or the reasons' list for "Kode Alasan". */
function choicesOf(t: T, column: ImportColumn): [code: string, meaning: string][] | undefined {
  if (column.field === 'reasonCode')
    return Object.entries(REASON_LABELS).map(([code, label]) => [code, t(label[0], label[1])]);
  if (!column.codes) return undefined;
  return Object.entries(column.codes).map(([code, value]) => {
    const label = MEANINGS[column.field]?.(value);
    const meaning = label ? plain(t(label[0], label[1])) : '';
    return [code, meaning === code ? '' : meaning];
  });
}

function Ticks(props: { choices: [string, string][] }) {
  return (
    <ul class="pf-codes">
      {props.choices.map(([code, meaning]) => (
        <li>
          ☐ <strong>{code}</strong>
          {meaning ? ` — ${meaning}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Where a column is written: boxes for numbers and dates, tick boxes for codes, lines for words. */
function Space(props: { t: T; column: ImportColumn }) {
  const { column } = props;
  const choices = choicesOf(props.t, column);
  if (choices) return <Ticks choices={choices} />;
  switch (column.field) {
    case 'nik':
    case 'kk':
      return <Boxes n={16} />;
    case 'birthDate':
      return <DateBoxes t={props.t} />;
    case 'address.rt':
    case 'address.rw':
      return <Boxes n={3} />;
    case 'reasonNote':
      return (
        <>
          <Line />
          <Line />
        </>
      );
    default:
      return <Line />;
  }
}

function ColumnField(props: { t: T; column: ImportColumn }) {
  const { t, column } = props;
  return (
    <div class="pf-f">
      <p>
        <span class="pf-col" data-column={column.header}>
          {column.header}
        </span>
        <span class="pf-req">{column.required ? t('Wajib', 'Required') : t('Boleh kosong', 'Optional')}</span>
      </p>
      <p class="pf-rule">{column.explain}</p>
      <Space t={t} column={column} />
    </div>
  );
}

/** A field of the visit or of the registration that is no column of the survey list. */
function OtherField(props: { label: string; rule?: string; children: Child }) {
  return (
    <div class="pf-f">
      <p class="pf-col">{props.label}</p>
      {props.rule ? <p class="pf-rule">{props.rule}</p> : null}
      {props.children}
    </div>
  );
}

/** The columns cut into the form's parts, in template order: the person, consent, address. */
function parts(t: T): { title: string; columns: ImportColumn[] }[] {
  const titleOf = (field: string) =>
    field.startsWith('consent.')
      ? t('Persetujuan', 'Consent')
      : field.startsWith('address.')
        ? t('Alamat (agar relawan menemukan rumahnya)', 'Address (so that the volunteer finds the house)')
        : t('Data calon', 'The candidate');
  const out: { title: string; columns: ImportColumn[] }[] = [];
  for (const column of IMPORT_COLUMNS) {
    const title = titleOf(column.field);
    const last = out.at(-1);
    if (last?.title === title) last.columns.push(column);
    else out.push({ title, columns: [column] });
  }
  return out;
}

function PaperForm(props: { t: T }) {
  const { t } = props;
  return (
    <div class="pf">
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <PageTitle help="kertas">
        {t('Formulir pendaftaran calon GKB', 'GKB candidate registration form')}
      </PageTitle>
      <div class="pf-screen">
        <p class="notice">
          <strong>{t('Cetak', 'Print')}</strong>:{' '}
          {t(
            'Tekan Cetak di menu peramban, pilih A4. Isi dengan huruf cetak, satu huruf atau angka per kotak; centang (☑) atau lingkari satu kode.',
            'Choose Print in the browser menu, pick A4. Write in capitals, one letter or digit a box; tick (☑) or circle one code.',
          )}
        </p>
        <p>
          {t(
            'Judul tiap isian sama dengan judul kolom templat daftar survei, sehingga operator desa bisa mengetik isinya di formulir pendaftaran atau menyalinnya ke templat: ',
            "Each field is named by its column in the survey list template, so that the village's operator can type it into the registration form or copy it into the template: ",
          )}
          <a href="/impor/templat?format=xlsx">
            {t('unduh templat (Excel)', 'download the template (Excel)')}
          </a>
          {t(' (perlu masuk sebagai operator desa).', ' (sign in as a village official first).')}
        </p>
      </div>
      <h2>{t('Kunjungan', 'The visit')}</h2>
      <div class="pf-two">
        <OtherField label={t('Tanggal kunjungan', 'Date of the visit')}>
          <DateBoxes t={t} />
        </OtherField>
        <OtherField label={t('Tahun program', 'Programme year')}>
          <Boxes n={4} />
        </OtherField>
        <OtherField label={t('Tempat: desa, kecamatan', 'Place: village, kecamatan')}>
          <Line />
        </OtherField>
        <OtherField label={t('Nama relawan', "Volunteer's name")}>
          <Line />
        </OtherField>
      </div>
      {parts(t).map((part) => (
        <>
          <h2>{part.title}</h2>
          <div class="pf-two">
            {part.columns.map((column) => (
              <ColumnField t={t} column={column} />
            ))}
          </div>
        </>
      ))}
      <h2>
        {t('Tidak ada di templat: diisi operator di aplikasi', 'Not in the template: typed in the app')}
      </h2>
      <OtherField
        label={t('Rencana jalur pendidikan', 'Planned pathway')}
        rule={t('boleh kosong', 'optional')}
      >
        <Ticks choices={PATHWAYS.map((p) => [t(PATHWAY_LABELS[p][0], PATHWAY_LABELS[p][1]), ''])} />
      </OtherField>
      <h2>{t('Pernyataan dan tanda tangan', 'Statement and signatures')}</h2>
      <p>
        ☐{' '}
        {t(
          'Saya menyetujui data di atas dicatat dan dipakai untuk program GKB Kabupaten Brebes (wajib; di bawah 18 tahun yang menyetujui adalah wali).',
          'I agree that the data above is recorded and used for the GKB programme of Brebes (required; under 18 the guardian agrees).',
        )}
      </p>
      <div class="pf-sign">
        <OtherField label={t('Tanda tangan pemberi persetujuan', 'Signature of the person consenting')}>
          <Line />
        </OtherField>
        <OtherField label={t('Tanda tangan relawan', "Volunteer's signature")}>
          <Line />
        </OtherField>
      </div>
    </div>
  );
}

/** The printable registration form (A4), readable without signing in. */
export const paperFormPage = (c: GkbContext) => {
  const t = tOf(c);
  return page(c, t('Formulir pendaftaran', 'Registration form'), <PaperForm t={t} />);
};
