/** A binary min-heap: the timeline's pending window ends. */
export class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  // Both sifts move a hole instead of swapping pairs: one write per level, nothing allocated.
  push(item: T): void {
    const a = this.items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (!this.less(item, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    const n = a.length;
    if (n === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(a[r]!, a[l]!) ? r : l;
      const child = a[m]!;
      if (!this.less(child, last)) break;
      a[i] = child;
      i = m;
    }
    a[i] = last;
    return top;
  }
}

/**
 * A min-queue for items that mostly arrive in order, as the timeline's events do (landing times
 * never go backwards): an item no less than the last in-order one joins a first-in-first-out
 * run at O(1), any other goes to a heap, and the smaller of the two heads comes out first. With
 * `less` a strict total order, items come out exactly as from one heap.
 */
export class RunQueue<T> {
  private run: (T | undefined)[] = [];
  private head = 0;
  private readonly rest: MinHeap<T>;

  constructor(private readonly less: (a: T, b: T) => boolean) {
    this.rest = new MinHeap(less);
  }

  get size(): number {
    return this.run.length - this.head + this.rest.size;
  }

  push(item: T): void {
    const run = this.run;
    if (this.head === run.length || !this.less(item, run[run.length - 1]!)) run.push(item);
    else this.rest.push(item);
  }

  peek(): T | undefined {
    const a = this.run[this.head];
    const b = this.rest.peek();
    if (a === undefined) return b;
    return b !== undefined && this.less(b, a) ? b : a;
  }

  pop(): T | undefined {
    const a = this.run[this.head];
    const b = this.rest.peek();
    if (a === undefined || (b !== undefined && this.less(b, a))) return this.rest.pop();
    this.run[this.head++] = undefined;
    if (this.head === this.run.length) {
      this.run = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.run.length) {
      // Drop what has come out, so a long pass keeps only what is still queued.
      this.run = this.run.slice(this.head);
      this.head = 0;
    }
    return a;
  }
}
