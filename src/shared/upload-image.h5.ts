/**
 * Photos in the browser (local mode): after the privacy gate (privacy/platform.h5.ts), a file
 * input (images only), checked here (an image, at most 5 MB), then `POST /api/local/upload`
 * with the raw bytes, which stores the file and yields a `cloud://` file id as
 * wx.cloud.uploadFile does. Taro uses this file instead of upload-image.ts in the h5 build.
 */
// Not from './upload-image': in the h5 build that name resolves to this very file.
import { checkImage, type LocalImage, type PickResult } from './image-file';
import { ensurePrivacyAgreed } from './privacy';

export type { LocalImage, PickResult } from './image-file';

const IMAGE_NAME = /\.(jpe?g|png|webp|gif)$/i;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
};

/** A name the server accepts: the file's own when it ends in an image extension, else by type. */
function uploadName(file: File): string | null {
  if (IMAGE_NAME.test(file.name)) return file.name;
  const ext = EXTENSIONS[file.type];
  return ext ? `photo${ext}` : null;
}

export async function pickImages(count: number): Promise<PickResult> {
  if (count <= 0) return { images: [], refused: null };
  // As in WeChat, photos wait for the privacy agreement (always given here, unless simulated).
  try {
    await ensurePrivacyAgreed();
  } catch (e) {
    return { images: [], refused: e instanceof Error ? e.message : null };
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = count > 1;
    input.setAttribute('data-testid', 'photo-input');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      const images: LocalImage[] = [];
      let refused: string | null = files.length > count ? `最多再选${count}张图片` : null;
      for (const file of files.slice(0, count)) {
        const isImage = uploadName(file) !== null && (file.type === '' || file.type.startsWith('image/'));
        const problem = checkImage({ size: file.size, isImage });
        if (problem) refused = problem;
        else images.push({ preview: URL.createObjectURL(file), size: file.size, source: file });
      }
      resolve({ images, refused });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve({ images: [], refused: null });
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Uploads one chosen image; resolves its `cloud://` file id, rejects with a Chinese message. */
export async function uploadImage(image: LocalImage): Promise<string> {
  const file = image.source as File;
  let body: { ok?: boolean; data?: { fileID?: string }; error?: { message?: string } };
  try {
    const res = await fetch('/api/local/upload', {
      method: 'POST',
      headers: {
        'x-file-name': encodeURIComponent(uploadName(file) ?? 'photo.jpg'),
        'content-type': file.type || 'application/octet-stream',
      },
      body: file,
    });
    body = (await res.json()) as typeof body;
  } catch {
    throw new Error('图片上传失败，请检查网络后重试');
  }
  if (body.ok && body.data?.fileID) return body.data.fileID;
  throw new Error(body.error?.message ?? '图片上传失败，请重试');
}
