/**
 * A person's display name, isolated from the text around it (`<bdi>`: its own direction, and nothing
 * inside can reorder what follows), so even a name with direction characters that got past the check
 * elsewhere cannot make "wants to join" or "(you)" read differently.
 */
export function PersonName({ name, testId }: { name: string; testId?: string }) {
  return <bdi data-testid={testId}>{name}</bdi>;
}
