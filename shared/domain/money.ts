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
