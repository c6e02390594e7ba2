/**
 * Live participation: per session starting in the range, grouped bars of viewers, askers and
 * voters (names and numbers as text, bars as decorative SVG), and a table with every figure
 * of the session (`KpiSession`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Kpis } from '@cercle/client/admin';
import type { KpiTerms } from './terms.js';
import { cellText, plotCaption, tableAlternative, valueOf, type CellFormat } from './charts.js';
import { hbar } from './bars.js';

const GROUPS = ['viewers', 'askers', 'voters'] as const;

/** Seconds as "45 s", "2 min 05 s" or "1 h 05 min". */
export function duration(seconds: number, t: KpiTerms): string {
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return t.sessions.seconds(s);
  if (s < 3600) return t.sessions.minutes(Math.floor(s / 60), pad(s % 60));
  return t.sessions.hours(Math.floor(s / 3600), pad(Math.floor((s % 3600) / 60)));
}

export function sessionsPlot(
  data: Kpis,
  t: KpiTerms,
  fmt: CellFormat,
  action: unknown = nothing,
): TemplateResult {
  const x = t.sessions;
  const sessions = data.sessions;
  const max = Math.max(
    1,
    ...sessions.flatMap((s) => GROUPS.map((g) => valueOf(s[g]) ?? 0)),
    ...sessions.map((s) => valueOf(s.peakViewers) ?? 0),
  );
  return html`<figure class="plot" id="plot-sessions">
    ${plotCaption(x.title, x.lede, action)}
    ${
      sessions.length === 0
        ? html`<p class="empty">${x.none}</p>`
        : html`<ul class="legend" aria-label=${t.plots.legend}>
              ${GROUPS.map(
                (g) => html`<li><span class="swatch ${g}" aria-hidden="true"></span>${x[g]}</li>`,
              )}
            </ul>
            <ul class="sessions">
              ${sessions.map(
                (s) =>
                  html`<li class="session" data-session=${s.id}>
                    <h4>${s.title}</h4>
                    <p class="hint">${fmt.time(s.startsAt)} · ${x.states[s.state]}</p>
                    <div class="group">${GROUPS.map((g) => hbar(g, valueOf(s[g]), max))}</div>
                    <p class="sub">
                      ${x.line(
                        cellText(s.viewers, t, fmt.count),
                        cellText(s.askers, t, fmt.count),
                        cellText(s.voters, t, fmt.count),
                        cellText(s.participation, t, fmt.percent),
                      )}
                    </p>
                  </li>`,
              )}
            </ul>
            ${tableAlternative(
              t,
              x.title,
              [
                x.startsAt,
                x.state,
                x.peakViewers,
                x.viewers,
                x.askers,
                x.voters,
                x.participation,
                x.questions,
                x.answerRate,
                x.median,
              ],
              sessions.map((s) => [
                s.title,
                [
                  fmt.time(s.startsAt),
                  x.states[s.state],
                  s.peakViewers,
                  s.viewers,
                  s.askers,
                  s.voters,
                  s.participation,
                  s.questions,
                  s.answerRate,
                  s.medianAnswerSeconds,
                ],
              ]),
              fmt,
              {
                head: x.session,
                formats: [
                  ...Array<undefined>(6),
                  fmt.percent,
                  undefined,
                  fmt.percent,
                  (n: number) => duration(n, t),
                ],
              },
            )}`
    }
  </figure>`;
}
