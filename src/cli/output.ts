/**
 * JSON output of a stream of records: JSON Lines, or one JSON document that is a single object
 * when exactly one record came and an array otherwise (decided once the second record arrives,
 * so output still streams).
 */
export class JsonWriter {
  private first: unknown;
  private count = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly lines: boolean,
  ) {}

  write(record: unknown): void {
    this.count++;
    if (this.lines) {
      this.out.write(JSON.stringify(record) + '\n');
    } else if (this.count === 1) {
      this.first = record;
    } else {
      if (this.count === 2) this.out.write('[\n' + JSON.stringify(this.first));
      this.out.write(',\n' + JSON.stringify(record));
    }
  }

  /** Finish the document; `forceArray` writes an array even for one record (record-file inputs). */
  end(forceArray = false): void {
    if (this.lines) return;
    if (this.count === 0) this.out.write(forceArray ? '[]\n' : '');
    else if (this.count === 1)
      this.out.write(
        forceArray ? '[\n' + JSON.stringify(this.first) + '\n]\n' : JSON.stringify(this.first, null, 2) + '\n',
      );
    else this.out.write('\n]\n');
  }
}
