/** A photo chosen on the device, before and while it is uploaded (upload-image*.ts use it). */
export interface LocalImage {
  /** What an <Image> can show now: a temp file path (WeChat) or an object URL (browser). */
  preview: string;
  size: number;
  /** The platform's handle for the upload: a temp file path or a browser File. */
  source: unknown;
}

export interface PickResult {
  images: LocalImage[];
  /** Why some chosen files were left out (too large, not an image), in Chinese; null if none. */
  refused: string | null;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** A Chinese reason to refuse the file, or null when it may be uploaded. */
export function checkImage({ size, isImage }: { size: number; isImage: boolean }): string | null {
  if (!isImage) return '只能上传图片（jpg、png、webp 或 gif）';
  if (size > MAX_IMAGE_BYTES) return '图片不能超过5MB，请换一张';
  if (size === 0) return '图片是空的，请换一张';
  return null;
}
