// The QR scanner of the check-in screen: the camera's picture in a <video>,
// read by @zxing/browser. The library is loaded (a chunk of its own) only
// when the person starts the camera, never with the screen itself. zxing
// decodes in plain JavaScript on a canvas: no eval, no worker, no other
// origin, so the console's strict Content-Security-Policy holds.

/** Why the camera could not start. */
export type CameraProblem = 'denied' | 'absent' | 'failed';

export interface Scanner {
  stop(): void;
}

/** What a failed getUserMedia means for the person. */
export function cameraProblem(err: unknown): CameraProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError' || name === 'NotReadableError') return 'absent';
  return 'failed';
}

/**
 * Starts the camera (the back one where there are two) into video and
 * calls onCode with the text of each QR code read. Rejects with a
 * CameraProblem when there is no camera or it is not allowed.
 */
export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scanner> {
  if (!navigator.mediaDevices?.getUserMedia) throw 'absent' satisfies CameraProblem;
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 250, delayBetweenScanSuccess: 1000 });
  try {
    const controls = await reader.decodeFromConstraints({ audio: false, video: { facingMode: 'environment' } }, video, (result) => {
      if (result) onCode(result.getText());
    });
    return { stop: () => controls.stop() };
  } catch (err) {
    throw cameraProblem(err);
  }
}
