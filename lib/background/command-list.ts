/** The keyboard shortcuts (manifest `commands`), with their suggested keys. Pure data: read by wxt.config.ts. */
export const COMMANDS = {
  'next-quote': { suggested_key: { default: 'Alt+Shift+Period' }, description: 'Next quote' },
  'previous-quote': {
    suggested_key: { default: 'Alt+Shift+Comma' },
    description: 'Previous quote',
  },
  'open-report': {
    suggested_key: { default: 'Alt+Shift+R' },
    description: 'Open the report of quotes on this page',
  },
} as const;
