package ocr

import (
	"bytes"
	"encoding/binary"
)

// ImageDPI returns the horizontal resolution a PNG (pHYs chunk), TIFF
// (XResolution of the first image) or JPEG (JFIF density) records, or 0 when
// it records none.
func ImageDPI(img []byte) float64 {
	switch {
	case bytes.HasPrefix(img, []byte("\x89PNG\r\n\x1a\n")):
		return pngDPI(img)
	case bytes.HasPrefix(img, []byte("II*\x00")):
		return tiffDPI(img, binary.LittleEndian)
	case bytes.HasPrefix(img, []byte("MM\x00*")):
		return tiffDPI(img, binary.BigEndian)
	case bytes.HasPrefix(img, []byte("\xff\xd8")):
		return jpegDPI(img)
	}
	return 0
}

func pngDPI(b []byte) float64 {
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		if n < 0 || i+12+n > len(b) {
			return 0
		}
		switch typ {
		case "pHYs":
			if n < 9 || b[i+16] != 1 { // unit 1 = metre
				return 0
			}
			return float64(binary.BigEndian.Uint32(b[i+8:])) * 0.0254
		case "IDAT", "IEND":
			return 0
		}
		i += 12 + n
	}
	return 0
}

func tiffDPI(b []byte, o binary.ByteOrder) float64 {
	if len(b) < 8 {
		return 0
	}
	ifd := int(o.Uint32(b[4:]))
	if ifd <= 0 || ifd+2 > len(b) {
		return 0
	}
	n := int(o.Uint16(b[ifd:]))
	res, unit := 0.0, 2 // ResolutionUnit defaults to inch
	for k := 0; k < n; k++ {
		e := ifd + 2 + 12*k
		if e+12 > len(b) {
			return 0
		}
		tag, typ := o.Uint16(b[e:]), o.Uint16(b[e+2:])
		switch {
		case tag == 282 && typ == 5: // XResolution, RATIONAL
			off := int(o.Uint32(b[e+8:]))
			if off <= 0 || off+8 > len(b) {
				return 0
			}
			num, den := o.Uint32(b[off:]), o.Uint32(b[off+4:])
			if den != 0 {
				res = float64(num) / float64(den)
			}
		case tag == 296 && typ == 3: // ResolutionUnit, SHORT
			unit = int(o.Uint16(b[e+8:]))
		}
	}
	switch unit {
	case 2:
		return res
	case 3:
		return res * 2.54
	}
	return 0
}

func jpegDPI(b []byte) float64 {
	// APP0 JFIF right after SOI: "JFIF\0", version, units, Xdensity, Ydensity
	if len(b) < 18 || b[2] != 0xff || b[3] != 0xe0 || string(b[6:11]) != "JFIF\x00" {
		return 0
	}
	x := float64(binary.BigEndian.Uint16(b[14:]))
	switch b[13] {
	case 1:
		return x
	case 2:
		return x * 2.54
	}
	return 0
}
