// An Adaptive Card as plain text, for the terminal chat: the same card the
// bot sends to Teams, walked element by element, with its buttons numbered so
// that a person can press one by typing its number. Pure.

export interface TextButton {
  readonly title: string;
  /** What an Action.Submit or Action.Execute would send back (the activity's `value`). */
  readonly data: unknown;
}

export interface CardText {
  readonly lines: readonly string[];
  readonly buttons: readonly TextButton[];
}

type Element = Record<string, unknown>;

const asElements = (value: unknown): Element[] =>
  Array.isArray(value) ? value.filter((v): v is Element => typeof v === 'object' && v !== null) : [];

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Renders a card's body and actions; `firstButton` numbers the buttons on from an earlier card. */
export function cardToText(card: unknown, firstButton = 1): CardText {
  const lines: string[] = [];
  const buttons: TextButton[] = [];

  const addActions = (actions: unknown) => {
    for (const action of asElements(actions)) {
      const type = asString(action.type);
      if (type !== 'Action.Submit' && type !== 'Action.Execute') continue;
      buttons.push({ title: asString(action.title), data: action.data });
      lines.push(`  [${firstButton + buttons.length - 1}] ${asString(action.title)}`);
    }
  };

  const walk = (elements: unknown, indent: string) => {
    for (const element of asElements(elements)) {
      if (element.isVisible === false) continue;
      switch (element.type) {
        case 'TextBlock': {
          const text = plainCardText(asString(element.text)).trim();
          if (text) lines.push(...text.split('\n').map((line) => indent + line));
          break;
        }
        case 'FactSet':
          for (const fact of asElements(element.facts)) lines.push(`${indent}${plainCardText(asString(fact.title))}: ${plainCardText(asString(fact.value))}`);
          break;
        case 'Table':
          for (const row of asElements(element.rows)) {
            const cells = asElements(row.cells).map((cell) => cellText(cell));
            lines.push(indent + cells.join(' | '));
          }
          break;
        case 'Container': {
          // A container that is itself a button (selectAction): its text is the button's title.
          const action = typeof element.selectAction === 'object' && element.selectAction !== null ? (element.selectAction as Element) : undefined;
          if (action && (action.type === 'Action.Submit' || action.type === 'Action.Execute')) {
            const title = asElements(element.items).map((item) => plainCardText(asString(item.text)).trim()).filter(Boolean).join(' ');
            buttons.push({ title, data: action.data });
            lines.push(`${indent}  [${firstButton + buttons.length - 1}] ${title}`);
          } else walk(element.items, indent);
          break;
        }
        case 'ColumnSet':
          for (const column of asElements(element.columns)) walk(column.items, indent);
          break;
        case 'ActionSet':
          addActions(element.actions);
          break;
        default:
          break;
      }
    }
  };

  const root = typeof card === 'object' && card !== null ? (card as Element) : {};
  walk(root.body, '');
  addActions(root.actions);
  return { lines, buttons };
}

function cellText(cell: Element): string {
  return asElements(cell.items)
    .map((item) => plainCardText(asString(item.text)).trim())
    .filter((text) => text.length > 0)
    .join(' ');
}

/**
 * A TextBlock's markdown as a terminal shows it: bold markers dropped, the
 * backslash escapes of src/cards/safe-text.ts undone, the zero-width spaces
 * that break links removed. The card's other markdown (bullets) reads well as it is.
 */
export function plainCardText(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])|\*\*|\u200B/g, (_match, escaped: string | undefined) => escaped ?? '')
    .replace(/\u00A0/g, ' ');
}
