// Command qrframe is a helper of the check-in browser test
// (web/test/console-checkin.web.test.mjs): it reads the QR code PNG of a
// confirmation e-mail, prints the text the QR code holds (the check-in
// code) and writes a Y4M video of it for Chromium's fake camera
// (--use-file-for-fake-video-capture), so that the test scans the very QR
// code a person would show at the door.
//
// Usage: go run ./web/test/qrframe in.png out.y4m [in2.png out2.y4m …]
// (one line per image, in order: the text, a tab, and "scannable" or
// "unscannable": whether ZXing's reader, with no hints, as the browser's
// @zxing/browser reads a camera frame, finds the code in the video's
// picture. It does not for about one code in a hundred, whatever its size
// or mask; the test then shows another person's code to the camera.)
package main

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
)

// The fake camera's picture: 640×480, the QR code in the middle on white.
const (
	width  = 640
	height = 480
	frames = 30
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 || len(args)%2 != 0 {
		fmt.Fprintln(os.Stderr, "usage: qrframe in.png out.y4m [in2.png out2.y4m …]")
		os.Exit(2)
	}
	for i := 0; i < len(args); i += 2 {
		text, seen, err := run(args[i], args[i+1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "qrframe:", err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\n", text, seen)
	}
}

// run reads the QR code PNG in, writes the video out, and says what the
// code holds and whether a camera frame of it is scannable.
func run(in, out string) (text, seen string, err error) {
	f, err := os.Open(in)
	if err != nil {
		return "", "", err
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		return "", "", err
	}
	// The text: the reader told the image is a clean symbol (the PNG is
	// one) reads every code.
	text, err = read(img, map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		return "", "", fmt.Errorf("decode %s: %w", in, err)
	}

	// Y4M, 4:2:0: a luma plane (white, the QR code's grey levels in the
	// middle), then the two chroma planes at 128 (no colour).
	luma := make([]byte, width*height)
	for i := range luma {
		luma[i] = 235
	}
	b := img.Bounds()
	x0, y0 := (width-b.Dx())/2, (height-b.Dy())/2
	if x0 < 0 || y0 < 0 {
		return "", "", fmt.Errorf("%s is larger than %d×%d", in, width, height)
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			luma[(y0+y-b.Min.Y)*width+x0+x-b.Min.X] = 16 + byte(int(g)*219/255)
		}
	}
	chroma := make([]byte, width*height/4)
	for i := range chroma {
		chroma[i] = 128
	}
	o, err := os.Create(out)
	if err != nil {
		return "", "", err
	}
	w := bufio.NewWriter(o)
	fmt.Fprintf(w, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420jpeg\n", width, height)
	for range frames {
		w.WriteString("FRAME\n")
		w.Write(luma)
		w.Write(chroma)
		w.Write(chroma)
	}
	if err := w.Flush(); err != nil {
		o.Close()
		return "", "", err
	}
	if err := o.Close(); err != nil {
		return "", "", err
	}
	frame := &image.Gray{Pix: luma, Stride: width, Rect: image.Rect(0, 0, width, height)}
	seen = "unscannable"
	if got, err := read(frame, nil); err == nil && got == text {
		seen = "scannable"
	}
	return text, seen, nil
}

// read decodes the QR code in img with ZXing's reader and hints.
func read(img image.Image, hints map[gozxing.DecodeHintType]interface{}) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}
