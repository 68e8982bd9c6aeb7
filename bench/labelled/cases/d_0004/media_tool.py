import argparse
import os
import shlex
import sys

from validators import is_supported_media

PRESETS = {
    "web": "-c:v libx264 -crf 23 -preset fast -c:a aac",
    "archive": "-c:v libx265 -crf 18 -c:a flac",
}


def build_parser():
    parser = argparse.ArgumentParser(description="Transcode uploaded media for the asset pipeline")
    parser.add_argument("source", help="file from the incoming uploads directory")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="web")
    parser.add_argument("--out-dir", default="build/media")
    return parser


def transcode(source, preset, out_dir):
    if not is_supported_media(source):
        raise SystemExit(f"unsupported media file: {source!r}")
    base = os.path.splitext(os.path.basename(source))[0]
    target = os.path.join(out_dir, base + ".mp4")
    os.makedirs(out_dir, exist_ok=True)
    status = os.system(f"ffmpeg -y -loglevel error -i {shlex.quote(source)} {PRESETS[preset]} {shlex.quote(target)}")
    return status == 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    ok = transcode(args.source, args.preset, args.out_dir)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
