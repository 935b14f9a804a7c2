import type { Child } from 'hono/jsx';
import type { ErrorCode } from '../../shared/errors.js';
import type { HelpTopic } from '../../shared/guide-topics.js';

/**
 * Help where people get stuck: what to do next after each error, why a list is empty, and the
 * "?" beside each page title that opens the page's part of the guide.
 * Every error code has its next step (the Record makes TypeScript refuse a code without one).
 */
export const NEXT_STEPS: Record<ErrorCode, readonly [id: string, en: string]> = {
  VALIDATION_FAILED: [
    'Periksa isian atau alamat halaman, perbaiki yang salah, lalu kirim lagi.',
    'Check what was typed or the page address, fix what is wrong, then send again.',
  ],
  UNAUTHENTICATED: ['Masuk lagi, lalu buka halaman ini lagi.', 'Sign in again, then open this page again.'],
  FORBIDDEN: [
    'Muat ulang halaman lalu coba lagi. Bila tetap ditolak, tugas ini milik peran lain: minta bantuan Bappeda.',
    'Reload the page and try again. If it is still refused, this task belongs to another role: ask Bappeda.',
  ],
  NOT_FOUND: [
    'Periksa alamatnya, atau buka daftar calon dan cari lagi.',
    'Check the address, or open the candidate list and search again.',
  ],
  DUPLICATE_NIK: [
    'Cari NIK ini di daftar calon dan buka catatan yang sudah ada; jangan didaftarkan dua kali.',
    'Search this NIK in the candidate list and open the existing record; do not register twice.',
  ],
  ALREADY_IN_PROGRAMME: [
    'Cari NIK ini di daftar calon dan lanjutkan catatan lamanya; bila belum masuk sekolah, bawa ke tahun ini.',
    'Search this NIK in the candidate list and continue the old record; if not enrolled yet, carry it over.',
  ],
  ALREADY_VOIDED: [
    'Tidak perlu dibatalkan lagi. Buka halaman calon untuk melihat pembayarannya.',
    'Nothing more to do. Open the candidate page to see the payments.',
  ],
  INVALID_TRANSITION: [
    'Buka lagi halaman calon: tombol di sana menunjukkan langkah yang masih bisa dilakukan.',
    'Open the candidate page again: its buttons show the steps still possible.',
  ],
  NOT_FUNDED: [
    'Tunggu sampai calon mendapat tempat desa, atau minta Bappeda memberi tempat APBD.',
    'Wait until the candidate gets a village place, or ask Bappeda for an APBD place.',
  ],
  CEILING_EXCEEDED: [
    'Calon tetap di daftar tunggu. Bappeda dapat menambah kuota atau anggaran di halaman Program.',
    'The candidate stays on the waitlist. Bappeda can raise the quota or budget on the Programme page.',
  ],
  PROGRAM_NOT_CONFIGURED: [
    'Pilih tahun program lain, atau minta Bappeda mengatur tahun ini di halaman Program.',
    'Choose another programme year, or ask Bappeda to set this year up on the Programme page.',
  ],
  IDEMPOTENCY_KEY_REUSED: ['Muat ulang halaman lalu kirim lagi.', 'Reload the page and send again.'],
  VERSION_MISMATCH: [
    'Muat ulang halaman untuk melihat data terbaru, periksa, lalu coba lagi.',
    'Reload the page to see the latest data, check it, then try again.',
  ],
  PRECONDITION_REQUIRED: ['Muat ulang halaman lalu kirim lagi.', 'Reload the page and send again.'],
  RATE_LIMITED: ['Tunggu satu menit, lalu coba lagi.', 'Wait a minute, then try again.'],
  RETRY_LATER: [
    'Tunggu sebentar, lalu coba lagi. Bila perlu, kirim ulang formulirnya.',
    'Wait a moment, then try again. Send the form again if needed.',
  ],
};

/** After an unexpected failure (a 500): what the person can do. */
export const NEXT_STEP_UNEXPECTED = [
  'Tunggu beberapa menit, lalu coba lagi. Bila terjadi lagi, beri tahu Bappeda kapan dan di halaman mana.',
  'Wait a few minutes, then try again. If it happens again, tell Bappeda when and on which page.',
] as const;

/** Why a list has nothing in it, and what to do (a link); no `next` when there is nothing to do but wait. */
export interface EmptyText {
  why: string;
  next?: Child;
}

/** An empty list: why there is nothing, and what to do, the same on every page. */
export function Empty(props: EmptyText) {
  return (
    <p class="empty">
      {props.why}
      {props.next ? <> {props.next}</> : null}
    </p>
  );
}

/**
 * A page's title with a "?" beside it that opens the page's part of the guide, in the viewer's
 * own guide (/panduan/topik/<topic> picks it). The guides are in Indonesian.
 */
export function PageTitle(props: { help: HelpTopic; id?: string; children: Child }) {
  return (
    <div class="title">
      <h1 id={props.id}>{props.children}</h1>
      <a class="help" href={`/panduan/topik/${props.help}`} lang="id" aria-label="Panduan untuk halaman ini">
        ?
      </a>
    </div>
  );
}
