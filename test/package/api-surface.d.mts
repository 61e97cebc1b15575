export function templateParts(): Set<string>;
export function customProperties(): Set<string>;
export function documented(): { parts: Set<string>; properties: Set<string>; events: Set<string> };
