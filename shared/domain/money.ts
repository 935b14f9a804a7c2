/**
 * Whole-rupiah arithmetic for places. No floating point: amounts are integers and the APBD
 * places of a year add up to its ceiling exactly.
 */

/**
 * The amount of the next new APBD place: the money not yet given to any place, shared over
 * the places not yet created, rounding up. With fixed settings this gives the first
 * `ceiling mod places` places one rupiah more (500,000,000 over 300: 200 × 1,666,667 then
 * 100 × 1,666,666); after a change of settings the remainder is shared the same way, so all
 * places together still make the ceiling.
 */
export function nextApbdPlaceAmount(unallocatedMoney: number, placesNotCreated: number): number {
  if (
    !Number.isSafeInteger(unallocatedMoney) ||
    !Number.isSafeInteger(placesNotCreated) ||
    placesNotCreated < 1
  ) {
    throw new RangeError('places and money must be whole numbers, with a place left');
  }
  return Math.ceil(unallocatedMoney / placesNotCreated);
}

/** Every place's amount, in the order places are created. */
export function apbdPlaceAmounts(ceiling: number, places: number): number[] {
  const amounts: number[] = [];
  let money = ceiling;
  for (let left = places; left > 0; left--) {
    const amount = nextApbdPlaceAmount(money, left);
    amounts.push(amount);
    money -= amount;
  }
  return amounts;
}

/** Rupiah as Indonesians write it: `Rp 1.666.667`. */
export const formatRupiah = (amount: number): string =>
  `Rp ${Math.trunc(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/**
 * Rupiah as people type it in forms and sheets: `1500000`, `1.500.000`, `1.500.000,00`,
 * `Rp 1.500.000`, `Rp1.500.000,-` (and `1,500,000` from an English spreadsheet). Whole
 * rupiah only: sen other than `,00` are refused, as is `1,500` (one and a half, or fifteen
 * hundred?). The reason, when it is not an amount, is a message key.
 */
export function parseRupiah(
  text: string,
): { amount: number } | { problem: 'money.format' | 'money.fraction' } {
  const t = text
    .replace(/^\s*(rp\.?|idr)\s*/i, '')
    .replace(/[\s\u00a0]/g, '')
    .replace(/,-$/, '');
  let digits: string | undefined;
  let fraction = '';
  if (/^\d+$/.test(t)) digits = t;
  else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t) || /^\d+,\d{1,2}$/.test(t)) {
    const [whole = '', sen = ''] = t.split(',');
    digits = whole.replaceAll('.', '');
    fraction = sen;
  } else if (/^\d{1,3}(,\d{3}){2,}(\.\d{1,2})?$/.test(t)) {
    const [whole = '', cents = ''] = t.split('.');
    digits = whole.replaceAll(',', '');
    fraction = cents;
  }
  if (digits === undefined || digits.length > 15) return { problem: 'money.format' };
  if (/[1-9]/.test(fraction)) return { problem: 'money.fraction' };
  return { amount: Number(digits) };
}

/** A count as people type it: `300`, `1.000` (thousands dots), spaces ignored. */
export function parseWholeNumber(text: string): { amount: number } | { problem: 'field.integer' } {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,15}$/.test(t) && !/^\d{1,3}(\.\d{3}){1,4}$/.test(t)) return { problem: 'field.integer' };
  return { amount: Number(t.replaceAll('.', '')) };
}
