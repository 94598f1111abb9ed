// The week view of free slots, used by the booking wizard and by the
// manage page (reschedule). One request per week (GET /v1/slots with
// from = Monday, to = Sunday, Prague dates); on first use it starts at the
// week of the nearest free slot. Every slot is a native <button> with
// aria-pressed, named in full ("středa 2. 12. 2026 9:00, Mgr. Jana
// Dvořáková"); the week buttons stay focusable at the ends of the range
// (aria-disabled) so that focus is never lost.
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, listSlots, type Slot, type SlotQuery } from '../lib/api';
import {
  addDays,
  dateAtNoon,
  formatDate,
  formatDayMonth,
  formatWeek,
  formatRange,
  formatTime,
  formatWeekday,
  mondayOf,
  plural,
  pragueDate,
  t,
} from './i18n';
import { icon } from '../lib/ui';

/** How far ahead the picker looks: the API allows 62 days per request and experts book up to 60 days ahead. */
const HORIZON_DAYS = 62;

export type SlotFilter = Omit<SlotQuery, 'from' | 'to'>;

export class SlotPicker {
  weekStart: string;
  slots: Slot[] | null = null;
  loading = false;
  error: ApiError | null = null;
  /** Said once after the picker skipped empty weeks. */
  jumped = '';
  /** No free slot at all within the horizon (found by init). */
  nothingAhead = false;
  selected: Slot | undefined;
  private readonly today: string;
  private readonly lastDay: string;
  private seq = 0;

  constructor(
    private filter: () => SlotFilter,
    private readonly changed: () => void,
    /** An id prefix, so two pickers never share ids. */
    readonly idPrefix = 'slots',
  ) {
    this.today = pragueDate(new Date());
    this.lastDay = addDays(this.today, HORIZON_DAYS - 1);
    this.weekStart = mondayOf(this.today);
  }

  get firstWeek(): string {
    return mondayOf(this.today);
  }
  get canPrev(): boolean {
    return this.weekStart > this.firstWeek;
  }
  get canNext(): boolean {
    return addDays(this.weekStart, 7) <= this.lastDay;
  }

  /** Loads the week of the nearest free slot (or this week when there is none). */
  async init(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    this.error = null;
    this.jumped = '';
    this.selected = undefined;
    this.changed();
    let week = this.firstWeek;
    try {
      // The nearest free slot: the next two weeks first, then the rest.
      const soon = addDays(this.today, 13);
      let items = (await listSlots({ ...this.filter(), from: this.today, to: soon })).items;
      if (items.length === 0 && seq === this.seq) {
        items = (await listSlots({ ...this.filter(), from: addDays(soon, 1), to: this.lastDay })).items;
      }
      if (seq !== this.seq) return;
      this.nothingAhead = items.length === 0;
      if (items[0]) week = mondayOf(pragueDate(new Date(items[0].start)));
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = e instanceof ApiError ? e : new ApiError(0, {});
      this.slots = null;
      this.loading = false;
      this.changed();
      return;
    }
    await this.load(week);
    if (seq + 1 === this.seq && week !== this.firstWeek && (this.slots?.length ?? 0) > 0) {
      this.jumped = t().wizard.jumpedToFirst(this.weekRange());
      this.changed();
    }
  }

  /** Loads a week (Monday) afresh. */
  async load(week = this.weekStart): Promise<void> {
    const seq = ++this.seq;
    this.weekStart = week;
    this.loading = true;
    this.error = null;
    this.jumped = '';
    this.changed();
    const from = week < this.today ? this.today : week;
    const sunday = addDays(week, 6);
    const to = sunday > this.lastDay ? this.lastDay : sunday;
    try {
      const res = from <= to ? await listSlots({ ...this.filter(), from, to }) : { items: [] };
      if (seq !== this.seq) return;
      this.slots = res.items;
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = e instanceof ApiError ? e : new ApiError(0, {});
      this.slots = null;
    }
    this.loading = false;
    this.changed();
  }

  prev(): void {
    if (this.canPrev && !this.loading) void this.load(addDays(this.weekStart, -7));
  }
  next(): void {
    if (this.canNext && !this.loading) void this.load(addDays(this.weekStart, 7));
  }

  /** Drops the selection (the slot was taken) and reloads the shown week. */
  refresh(): Promise<void> {
    this.selected = undefined;
    return this.load(this.weekStart);
  }

  /** The shown week's dates: "30. 11. – 6. 12. 2026". */
  weekRange(): string {
    return formatWeek(dateAtNoon(this.weekStart), dateAtNoon(addDays(this.weekStart, 6)));
  }

  /** The shown week's heading: "Týden 30. 11. – 6. 12. 2026". */
  weekLabel(): string {
    return t().wizard.weekTitle(this.weekRange());
  }

  /** The full accessible name of a slot: "středa 2. 12. 2026 9:00, Mgr. Jana Dvořáková". */
  static slotName(s: Slot, expertName: string): string {
    const d = new Date(s.start);
    return `${formatWeekday(d)} ${formatDate(d)} ${formatTime(d)}, ${expertName}`;
  }

  /** "středa 2. 12. 2026, 9:00–10:00, Mgr. Jana Dvořáková" */
  static describe(s: Slot, expertName: string): string {
    return `${formatRange(new Date(s.start), new Date(s.end))}, ${expertName}`;
  }

  view(opts: {
    names: Map<string, string>;
    error?: string;
    onPick: (s: Slot) => void;
    headingLevel?: 3 | 4;
  }): TemplateResult {
    const m = t().wizard;
    const p = this.idPrefix;
    const days: string[] = [];
    for (let i = 0; i < 7; i++) days.push(addDays(this.weekStart, i));
    const byDay = new Map<string, Slot[]>();
    for (const s of this.slots ?? []) {
      const d = pragueDate(new Date(s.start));
      (byDay.get(d) ?? byDay.set(d, []).get(d)!).push(s);
    }
    // Weekends only when somebody works then.
    const shown = days.filter((d, i) => i < 5 || (byDay.get(d)?.length ?? 0) > 0);
    const count = this.slots?.length ?? 0;
    const showExpert = new Set((this.slots ?? []).map((s) => s.expertId)).size > 1 || opts.names.size > 1;
    const name = (id: string) => opts.names.get(id) ?? id;
    const status = this.loading
      ? m.slotsLoading
      : this.error
        ? ''
        : count
          ? `${this.jumped ? this.jumped + ' ' : ''}${plural(count, m.weekCount)}`
          : this.nothingAhead
            ? m.noSlotsAhead
            : m.weekEmpty;

    return html`<section class="week" aria-labelledby="${p}-week-title" data-loading=${this.loading ? 'true' : 'false'}>
      <div class="week__nav">
        <button
          type="button"
          class="gov-button week__btn"
          data-type="outlined"
          data-color="primary"
          aria-disabled=${this.canPrev && !this.loading ? 'false' : 'true'}
          @click=${() => this.prev()}
        >
          ${icon('chevron-left')}<span>${m.prevWeek}</span>
        </button>
        <h3 class="week__title" id="${p}-week-title" tabindex="-1">${this.weekLabel()}</h3>
        <button
          type="button"
          class="gov-button week__btn"
          data-type="outlined"
          data-color="primary"
          aria-disabled=${this.canNext && !this.loading ? 'false' : 'true'}
          @click=${() => this.next()}
        >
          <span>${m.nextWeek}</span>${icon('chevron-right')}
        </button>
      </div>
      <p class="week__status" role="status" id="${p}-status">${status}</p>
      ${this.error
        ? html`<p class="week__error">${icon('exclamation')}${this.error.network ? t().api.network : this.error.message || t().api.generic}
            <button type="button" class="gov-button" data-type="base" data-color="primary" @click=${() => this.load()}>
              ${t().api.retry}
            </button></p>`
        : nothing}
      ${opts.error
        ? html`<p class="gov-form-message field-error" data-color="error" id="${p}-error">
            ${icon('exclamation')}<span><span class="visually-hidden">${t().ui.errorPrefix} </span>${opts.error}</span>
          </p>`
        : nothing}
      <div class="week__days" aria-busy=${this.loading ? 'true' : 'false'}>
        ${shown.map((d) => {
          const list = byDay.get(d) ?? [];
          const date = dateAtNoon(d);
          const dayId = `${p}-day-${d}`;
          return html`<div class="day ${list.length ? '' : 'day--empty'}" role="group" aria-labelledby=${dayId}>
            <h4 class="day__title" id=${dayId}>
              <span class="day__weekday">${formatWeekday(date)}</span>
              <span class="day__date">${formatDayMonth(date)}</span>
            </h4>
            ${list.length
              ? html`<ul class="day__slots">
                  ${list.map((s) => {
                    const pressed = this.selected?.start === s.start && this.selected?.expertId === s.expertId;
                    const start = new Date(s.start);
                    return html`<li>
                      <button
                        type="button"
                        class="slot"
                        id="${p}-${s.expertId}-${s.start.slice(0, 16).replace(/[^0-9]/g, '')}"
                        aria-pressed=${pressed ? 'true' : 'false'}
                        data-start=${s.start}
                        data-expert=${s.expertId}
                        @click=${() => opts.onPick(s)}
                      >
<span class="visually-hidden">${formatWeekday(start)} ${formatDate(start)} </span><span class="slot__time"
                          >${pressed ? icon('check', 'slot__check') : nothing}${formatTime(start)}</span
                        ><span class=${showExpert ? 'slot__expert' : 'visually-hidden'}><span class="visually-hidden">, </span>${name(s.expertId)}</span>
                      </button>
                    </li>`;
                  })}
                </ul>`
              : html`<p class="day__empty">${m.weekEmptyDay}</p>`}
          </div>`;
        })}
      </div>
    </section>`;
  }
}
