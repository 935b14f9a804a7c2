import type { CandidateItem } from '../../shared/db/candidate-item.js';
import type { Address } from '../../shared/domain/candidate.js';
import { type FollowUpFields, followUpOf } from '../../shared/domain/follow-up.js';
import type { Lang } from '../../shared/i18n.js';
import { dateText } from './format.js';
import type { T } from './ui.js';

/** "Dusun Krajan, RT 001/RW 002", or nothing when no address was given. */
export function addressText(t: T, address: Address | null | undefined): string {
  if (!address) return '';
  const parts = [
    address.dusun ? t(`Dusun ${address.dusun}`, `Dusun ${address.dusun}`) : '',
    [address.rt ? `RT ${address.rt}` : '', address.rw ? `RW ${address.rw}` : ''].filter(Boolean).join('/'),
  ];
  return parts.filter(Boolean).join(', ');
}

/**
 * When the next visit is due, in words: "Terlambat 3 hari (seharusnya 30 November 2026)",
 * "Hari ini", or "5 Desember 2026"; nothing on a closed record.
 */
export function DueText(props: {
  t: T;
  lang: Lang;
  candidate: FollowUpFields;
  today: Parameters<typeof followUpOf>[1];
}) {
  const { t, lang } = props;
  const f = followUpOf(props.candidate, props.today);
  if (!f) return null;
  if (f.overdue)
    return (
      <strong class="late">
        {t(
          `Terlambat ${f.daysOverdue} hari (seharusnya ${dateText(f.nextDue, lang)})`,
          `${f.daysOverdue} days overdue (due ${dateText(f.nextDue, lang)})`,
        )}
      </strong>
    );
  return (
    <span>
      {t('Kunjungan berikutnya', 'Next visit')}: {dateText(f.nextDue, lang)}
    </span>
  );
}

/** A record's name as lists show it (an anonymised one has none). */
export const nameOf = (t: T, c: CandidateItem) =>
  c.anonymised ? t('(dianonimkan)', '(anonymised)') : c.fullName;
