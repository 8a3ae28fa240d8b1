/** Figures a report embeds: an SVG with the PNG rendering Word needs beside it. */
export interface Figure {
  svg: string;
  /** The SVG drawn at twice its size, for Word versions without SVG; null when it cannot be drawn. */
  png: Buffer | null;
  width: number;
  height: number;
}

/**
 * Renders an SVG to PNG with Skia (@napi-rs/canvas). Skia's SVG text takes one installed family
 * only (a list such as "Helvetica, Arial, sans-serif" draws no text), so every font-family is set
 * to an installed sans-serif face first. `png` is null when the renderer or every font is
 * missing; Word output then shows a placeholder where the figure goes.
 */
export async function svgFigure(svg: string): Promise<Figure> {
  const size = /<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = size ? Number(size[1]) : 600;
  const height = size ? Number(size[2]) : 400;
  let png: Buffer | null = null;
  try {
    const { createCanvas, loadImage, GlobalFonts } = await import('@napi-rs/canvas');
    const families = GlobalFonts.families.map((f) => f.family);
    const family = families.find((f) => /^(arial|helvetica|liberation sans|dejavu sans|noto sans|open sans|roboto)$/i.test(f)) ?? families.find((f) => /sans/i.test(f) && !/mono/i.test(f)) ?? families[0];
    if (family) {
      const image = await loadImage(Buffer.from(svg.replace(/font-family="[^"]*"/g, `font-family="${family}"`)));
      const canvas = createCanvas(width * 2, height * 2);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width * 2, height * 2);
      ctx.drawImage(image, 0, 0, width * 2, height * 2);
      png = await canvas.encode('png');
    }
  } catch {
    png = null;
  }
  return { svg, png, width, height };
}
