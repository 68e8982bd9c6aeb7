/** The part of `seek-bzip` (pure-JS bzip2 decoder, no types of its own) krait uses. */
declare module 'seek-bzip' {
  /** Where decoded bytes go, one at a time. */
  interface ByteSink {
    writeByte(byte: number): void;
  }
  const Bunzip: {
    /** Decode bzip2 `input` into `output`; `multistream` reads concatenated streams. Throws on corrupt data. */
    decode(input: Uint8Array, output: ByteSink, multistream?: boolean): void;
  };
  export default Bunzip;
}
