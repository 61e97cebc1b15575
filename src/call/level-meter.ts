// How loud the microphone is, so the visitor sees that it works: an AnalyserNode on the local stream,
// read by whoever draws it (no timer of its own).

export class LevelMeter {
  readonly #context: AudioContext;
  readonly #analyser: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.#context = new AudioContext();
    this.#analyser = this.#context.createAnalyser();
    this.#analyser.fftSize = 512;
    this.#samples = new Float32Array(this.#analyser.fftSize);
    this.#context.createMediaStreamSource(stream).connect(this.#analyser);
  }

  /** The level now, 0 (silence) to 1: the RMS of the last samples, scaled so speech reaches the upper half. */
  level(): number {
    this.#analyser.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const sample of this.#samples) sum += sample * sample;
    const rms = Math.sqrt(sum / this.#samples.length);
    return Math.min(1, rms * 4);
  }

  close(): void {
    void this.#context.close().catch(() => undefined);
  }
}
