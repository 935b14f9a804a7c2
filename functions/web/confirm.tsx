import type { Child } from 'hono/jsx';
import type { HelpTopic } from '../../shared/guide-topics.js';
import type { PlaceConsequence } from '../../shared/services/consequences.js';
import { Field, type Problems } from './forms.js';
import { PageTitle } from './help.js';
import type { T } from './ui.js';

/**
 * The step between a tap and what cannot be undone: what will happen, in the user's terms,
 * a note where the history needs one, the action (red when it ends something) and a way
 * back. The form posts the same fields again with `confirmed=1`.
 */
export function ConfirmStep(props: {
  t: T;
  title: string;
  action: string;
  csrf: string;
  /** The fields the first post carried (version, target status, year…), sent again. */
  hidden: Record<string, string>;
  consequences: Child[];
  /** A note the history keeps: its label, whether it is required, and what was typed. */
  note?: { label: string; hint: string; value: string; name?: string };
  problems: Problems;
  submit: string;
  destructive: boolean;
  back: string;
  /** The guide's part for the page (the candidate page's by default). */
  help?: HelpTopic;
}) {
  const { t } = props;
  const noteName = props.note?.name ?? 'note';
  return (
    <>
      <PageTitle help={props.help ?? 'calon'}>{props.title}</PageTitle>
      <form method="post" action={props.action} class="card confirm" novalidate>
        <h2>{t('Yang akan terjadi', 'What will happen')}</h2>
        <ul>
          {props.consequences.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="confirmed" value="1" />
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.note ? (
          <Field name={noteName} label={props.note.label} hint={props.note.hint} problems={props.problems}>
            {(a) => <input type="text" required maxlength={500} value={props.note?.value ?? ''} {...a} />}
          </Field>
        ) : null}
        <div class="actions">
          <button type="submit" class={props.destructive ? 'danger' : ''}>
            {props.submit}
          </button>
          <a class="button secondary" href={props.back}>
            {t('Batal, kembali', 'Cancel, go back')}
          </a>
        </div>
      </form>
    </>
  );
}

/** What happens to the village place, said plainly. */
export function placeText(t: T, c: PlaceConsequence): string | null {
  switch (c.kind) {
    case 'promote':
      return t(
        `Tempat desa akan diberikan kepada ${c.name ?? '(dianonimkan)'}, daftar tunggu no. 1.`,
        `The village place will go to ${c.name ?? '(anonymised)'}, waitlist no. 1.`,
      );
    case 'free':
      return t(
        'Tempat desanya menjadi kosong; orang berikutnya yang didata di desa ini mendapatkannya.',
        'Its village place becomes free; the next person registered in this village takes it.',
      );
    case 'unqueue':
      return t(
        `Ia keluar dari daftar tunggu (no. ${c.position}); yang di belakangnya naik satu nomor.`,
        `They leave the waitlist (no. ${c.position}); those behind move up one place.`,
      );
    default:
      return null;
  }
}
