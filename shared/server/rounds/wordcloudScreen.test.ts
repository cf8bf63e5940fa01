import { describe, expect, it } from 'vitest';
import { screenWordcloudEntry } from './wordcloudScreen';

describe('screenWordcloudEntry', () => {
  it.each(['fuck', 'FUCKING', 'Assholes', 'fitta', 'Fittor', 'dra åt helvete', 'DRA AT HELVETE!'])(
    'holds back %s',
    (text) => {
      expect(screenWordcloudEntry(text)).toEqual({ held: true });
    },
  );

  it.each(['entropy', 'Träd', 'class', 'assessment', 'Scunthorpe', 'analysis', 'helvetica', 'passage'])(
    'lets %s through',
    (text) => {
      expect(screenWordcloudEntry(text)).toEqual({ held: false });
    },
  );
});
