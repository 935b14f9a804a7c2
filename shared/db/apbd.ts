import { nextApbdPlaceAmount } from '../domain/money.js';
import type { ProgramSettings } from '../domain/program.js';
import type { ApbdPlace } from './candidate-item.js';
import { tableName } from './client.js';
import { keys } from './table.js';
import { UpdateBuilder } from './update-expression.js';

/**
 * The year's pool of APBD places. Place numbers are created in order, each with the amount
 * `nextApbdPlaceAmount` gives it; a place released before enrolment returns to `free` with
 * its own amount and is handed out again (lowest number first) before any new one.
 */
export interface ApbdPool {
  createdPlaces: number;
  allocatedMoney: number;
  free: string[];
  placesHeld: number;
  moneyHeld: number;
}

export const emptyPool = (): ApbdPool => ({
  createdPlaces: 0,
  allocatedMoney: 0,
  free: [],
  placesHeld: 0,
  moneyHeld: 0,
});

export function poolFromItem(item: Record<string, unknown> | undefined): ApbdPool {
  if (!item) return emptyPool();
  const free = item.free instanceof Set ? [...(item.free as Set<string>)] : [];
  return {
    createdPlaces: Number(item.createdPlaces ?? 0),
    allocatedMoney: Number(item.allocatedMoney ?? 0),
    free: free.sort(),
    placesHeld: Number(item.placesHeld ?? 0),
    moneyHeld: Number(item.moneyHeld ?? 0),
  };
}

/** `000017:1666667`: sorts by place number, carries its amount. */
const token = (p: ApbdPlace) => `${String(p.place).padStart(6, '0')}:${p.amount}`;
const fromToken = (t: string): ApbdPlace => {
  const [place = '0', amount = '0'] = t.split(':');
  return { place: Number(place), amount: Number(amount) };
};

/** The place the next assignment gets, or undefined when no place or money is left. */
export function nextPlace(pool: ApbdPool, program: ProgramSettings): ApbdPlace | undefined {
  const reused = pool.free[0];
  if (reused) return fromToken(reused);
  if (pool.createdPlaces >= program.apbdPlaces) return undefined;
  const amount = nextApbdPlaceAmount(
    program.apbdCeiling - pool.allocatedMoney,
    program.apbdPlaces - pool.createdPlaces,
  );
  return { place: pool.createdPlaces + 1, amount };
}

/** The pool update that takes `place`, conditioned on the pool being as it was read. */
export function takePlace(year: number, pool: ApbdPool, place: ApbdPlace) {
  const b = new UpdateBuilder().add('placesHeld', 1).add('moneyHeld', place.amount);
  if (place.place <= pool.createdPlaces) {
    b.deleteFromSet('free', [token(place)]).when(`contains(${b.name('free')}, ${b.value(token(place))})`);
  } else {
    const created = b.name('createdPlaces');
    const seen = b.value(pool.createdPlaces);
    b.set('createdPlaces', place.place)
      .set('allocatedMoney', pool.allocatedMoney + place.amount)
      .when(`${created} = ${seen} OR (attribute_not_exists(${created}) AND ${seen} = ${b.value(0)})`);
  }
  return { Update: { TableName: tableName(), Key: keys.apbdPool(year), ...b.build() } };
}

/** The pool update that gives `place` back, with its amount. */
export function returnPlace(year: number, place: ApbdPlace) {
  const b = new UpdateBuilder()
    .add('placesHeld', -1)
    .add('moneyHeld', -place.amount)
    .addToSet('free', [token(place)]);
  return { Update: { TableName: tableName(), Key: keys.apbdPool(year), ...b.build() } };
}
