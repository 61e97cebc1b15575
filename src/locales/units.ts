// Wait times and file sizes as each language writes them: used by the panel's English and by the other languages,
// each part carrying its own copy (they are a few lines; the page-load script does not need them).

export function minutesText(seconds: number, less: string, about: (h: number, m: number) => string): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  if (s < 60) return less;
  const minutes = Math.round(s / 60);
  return about(Math.floor(minutes / 60), minutes % 60);
}

export function sizeText(bytes: number): string {
  const b = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  if (b < 1024) return `${Math.round(b)} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(b < 10 * 1024 ? 1 : 0)} KB`;
  return `${(b / (1024 * 1024)).toFixed(1)} MB`;
}
