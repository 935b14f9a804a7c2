/**
 * Builds a DynamoDB UpdateExpression with its condition from small steps, so that each
 * transaction states what it changes (counters, lists, sets) instead of splicing strings.
 * Attribute names are always placeholders; values are numbered placeholders.
 */
export class UpdateBuilder {
  private readonly sets: string[] = [];
  private readonly adds = new Map<string, number>();
  private readonly removes: string[] = [];
  private readonly deletes: string[] = [];
  private readonly setAdds: string[] = [];
  private readonly conditions: string[] = [];
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private counter = 0;

  /** `#name` for an attribute (or `#a[3]` for a list element). */
  name(attribute: string): string {
    const [base = '', index] = attribute.split(/(?=\[)/);
    const placeholder = `#${base.replace(/[^A-Za-z0-9_]/g, '_')}`;
    this.names[placeholder] = base;
    return index ? `${placeholder}${index}` : placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.counter++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  /** SET with an expression over placeholders made by `name`/`value`. */
  setExpression(attribute: string, expression: string): this {
    this.sets.push(`${this.name(attribute)} = ${expression}`);
    return this;
  }

  /** Adds to a number attribute (missing counts as 0); zero changes are left out. */
  add(attribute: string, amount: number): this {
    this.adds.set(attribute, (this.adds.get(attribute) ?? 0) + amount);
    return this;
  }

  /** Adds every non-zero change of a set of counters. */
  addAll(changes: Record<string, number>): this {
    for (const [attribute, amount] of Object.entries(changes)) this.add(attribute, amount);
    return this;
  }

  remove(path: string): this {
    this.removes.push(this.name(path));
    return this;
  }

  /** Removes elements from a string set. */
  deleteFromSet(attribute: string, elements: string[]): this {
    this.deletes.push(`${this.name(attribute)} ${this.value(new Set(elements))}`);
    return this;
  }

  /** Adds elements to a string set. */
  addToSet(attribute: string, elements: string[]): this {
    this.setAdds.push(`${this.name(attribute)} ${this.value(new Set(elements))}`);
    return this;
  }

  when(condition: string): this {
    this.conditions.push(`(${condition})`);
    return this;
  }

  get isEmpty(): boolean {
    return (
      this.sets.length + this.removes.length + this.deletes.length + this.setAdds.length === 0 &&
      [...this.adds.values()].every((n) => n === 0)
    );
  }

  build() {
    const adds = [
      ...[...this.adds.entries()]
        .filter(([, n]) => n !== 0)
        .map(([a, n]) => `${this.name(a)} ${this.value(n)}`),
      ...this.setAdds,
    ];
    const clauses = [
      this.sets.length ? `SET ${this.sets.join(', ')}` : '',
      adds.length ? `ADD ${adds.join(', ')}` : '',
      this.removes.length ? `REMOVE ${this.removes.join(', ')}` : '',
      this.deletes.length ? `DELETE ${this.deletes.join(', ')}` : '',
    ].filter(Boolean);
    return {
      UpdateExpression: clauses.join(' '),
      ...(this.conditions.length ? { ConditionExpression: this.conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
