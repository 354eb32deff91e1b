/** The aria-describedby value for a control's input: its error, else its description. */
export function describedBy(id: string, error: string | undefined, description: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return description ? `${id}-description` : undefined;
}
