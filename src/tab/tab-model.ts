// The JSON the personal tab's page reads from GET /tab/data.json. One zod schema
// gives the server its type and the tests their check; the browser code imports
// the types only (so zod stays out of the bundle). Every text is ready to show:
// the page formats nothing itself, so Danish and English come from one place.
import { z } from 'zod';

const Text = z.string();

/** A cited source as the page lists it under "Kilder" / "Sources". */
export const TabSource = z.strictObject({
  title: Text,
  file: Text,
  date: Text,
  ageWarning: Text.optional(),
});

const PageBase = {
  /** The page's anchor, also its navigation id. */
  id: z.enum(['principles', 'initiatives', 'funding', 'deadlines', 'contacts']),
  title: Text,
  intro: Text,
  sources: z.array(TabSource).min(1),
};

const PrinciplesPage = z.strictObject({
  ...PageBase,
  id: z.literal('principles'),
  strategies: z.array(
    z.strictObject({
      id: Text,
      name: Text,
      period: Text,
      /** Says whether the strategy is in force today, ended or not yet begun. */
      state: Text,
      current: z.boolean(),
      principles: z.array(
        z.strictObject({
          id: Text,
          label: Text,
          title: Text,
          summary: Text,
          focusAreas: z.array(z.strictObject({ id: Text, title: Text, description: Text, note: Text.optional() })),
        }),
      ),
    }),
  ),
});

const InitiativesPage = z.strictObject({
  ...PageBase,
  id: z.literal('initiatives'),
  unit: Text,
  years: z.array(Text).min(1),
  administrations: z.array(z.strictObject({ id: Text, name: Text, short: Text })),
  columns: z.strictObject({ name: Text, administrations: Text, lastFundedYear: Text, permanent: Text }),
  filterLabel: Text,
  filterAll: Text,
  /** "Sorter efter …" / "Sort by …", with {column} in place of the column's name. */
  sortHint: Text,
  shownCount: Text,
  rows: z.array(
    z.strictObject({
      id: Text,
      name: Text,
      administrations: z.array(Text),
      /** One per `years` entry; null where the table's cell is empty. */
      amounts: z.array(z.number().nullable()),
      amountTexts: z.array(Text),
      lastFundedYear: z.number().int(),
      permanentFunding: z.number().nullable(),
      permanentText: Text,
      ended: z.boolean(),
    }),
  ),
});

const FundingPage = z.strictObject({
  ...PageBase,
  id: z.literal('funding'),
  chartLabel: Text,
  legend: z.strictObject({ past: Text, current: Text }),
  tableLabel: Text,
  columns: z.strictObject({ year: Text, amount: Text, initiatives: Text }),
  bars: z.array(
    z.strictObject({
      year: Text,
      /** The document's stated total of the money whose funding ends that year (DKK million). */
      amount: z.number(),
      amountText: Text,
      initiatives: z.array(Text),
      note: Text.optional(),
      past: z.boolean(),
    }),
  ),
});

const DeadlinesPage = z.strictObject({
  ...PageBase,
  id: z.literal('deadlines'),
  todayLabel: Text,
  /** The heading above the deadlines that have passed, which come after the upcoming ones. */
  pastLabel: Text,
  /** Upcoming first (soonest first), then the past ones (latest first). */
  items: z.array(
    z.strictObject({
      id: Text,
      title: Text,
      /** The (next) due date, YYYY-MM-DD, for ordering; `dueText` is what the page shows. */
      due: Text,
      dueText: Text,
      kind: Text,
      recurrence: Text.optional(),
      basis: Text,
      past: z.boolean(),
    }),
  ),
});

const ContactsPage = z.strictObject({
  ...PageBase,
  id: z.literal('contacts'),
  organisationsTitle: Text,
  aboutLabel: Text,
  peopleTitle: Text,
  organisations: z.array(
    z.strictObject({
      id: Text,
      name: Text,
      kind: Text,
      description: Text.optional(),
      details: z.array(z.strictObject({ label: Text, value: Text })),
      asOf: Text,
      historical: z.boolean(),
      warning: Text.optional(),
    }),
  ),
  people: z.array(
    z.strictObject({
      id: Text,
      name: Text,
      role: Text,
      context: Text,
      asOf: Text,
      historical: z.boolean(),
      warning: Text.optional(),
    }),
  ),
});

export const TabData = z.strictObject({
  lang: z.enum(['da', 'en']),
  /** The knowledge base's version, shown in the footer. */
  version: Text,
  title: Text,
  labels: z.strictObject({
    navigation: Text,
    sources: Text,
    footer: Text,
  }),
  pages: z.strictObject({
    principles: PrinciplesPage,
    initiatives: InitiativesPage,
    funding: FundingPage,
    deadlines: DeadlinesPage,
    contacts: ContactsPage,
  }),
});
export type TabData = z.infer<typeof TabData>;
export type TabPages = TabData['pages'];
export type TabSource = z.infer<typeof TabSource>;
