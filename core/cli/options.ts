/** Reading `--name value` options, shared by the commands that take them. */

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** A `--name YYYY-MM-DD` option, refused when it is not shaped like a date. */
export function dateOption(args: string[], name: string): string | undefined {
  const value = option(args, name);
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`--${name} must be YYYY-MM-DD, got "${value}"`);
  return value;
}
