// What the simulator's agent can send (demo controls, tests): an image, an audio clip, a video and a PDF, each a
// downlink message naming a file that downloadFileStream serves. The image and the clips are media-library files
// (fetched by their content with `multiMedia`); the PDF is a local file (`contentType "1"`, fetched as `local/` +
// content), so both of the reference's rules (§5) are played.

import { SAMPLE_MP3, SAMPLE_MP4, SAMPLE_PNG } from './sample-media-data';
import type { WireMessage } from './state';

export type SampleKind = 'image' | 'audio' | 'video' | 'pdf';
export const SAMPLE_KINDS: readonly SampleKind[] = ['image', 'audio', 'video', 'pdf'];

interface Sample {
  /** The file's key in the simulator's store. */
  fileId: string;
  fileType: string;
  /** The downlink's fields beyond the agent's. */
  message: Partial<WireMessage>;
  base64: () => string;
}

/** A media-library file: the message's content is its key (fetched with `multiMedia`). */
function libraryFile(fileId: string, mediaType: string, fileType: string, base64: string): Sample {
  return { fileId, fileType, message: { mediaType, content: fileId, mediaFileType: fileType, contentType: null }, base64: () => base64 };
}

const SAMPLES: Record<SampleKind, Sample> = {
  image: libraryFile('sim-media/parcel-photo', 'IMAGE', 'png', SAMPLE_PNG),
  audio: libraryFile('sim-media/chime', 'AUDIO', 'mp3', SAMPLE_MP3),
  video: libraryFile('sim-media/clip', 'VIDEO', 'mp4', SAMPLE_MP4),
  pdf: {
    fileId: 'local/docs/returns-label.pdf',
    fileType: 'pdf',
    message: { mediaType: 'DOCUMENT', content: 'docs/returns-label.pdf', mediaFileType: 'pdf', contentType: '1' },
    base64: () => btoa(minimalPdf(['Returns label', 'Order 4711 - parcel with a crack', 'Drop it at any post office.'])),
  },
};

export function sampleMessage(kind: SampleKind): Partial<WireMessage> {
  return { ...SAMPLES[kind].message };
}

/** The sample stored under this file ID (as downloadFileStream is asked for it), or null. */
export function sampleFile(fileId: string): { base64: string; fileType: string } | null {
  for (const sample of Object.values(SAMPLES)) {
    if (sample.fileId === fileId) return { base64: sample.base64(), fileType: sample.fileType };
  }
  return null;
}

/** A one-page PDF with a line of text each (Helvetica): the smallest file a PDF viewer opens without complaint. */
export function minimalPdf(lines: string[]): string {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const text = lines.map((line, i) => `BT /F1 ${i === 0 ? 20 : 12} Tf 56 ${760 - i * 28} Td (${escape(line)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
